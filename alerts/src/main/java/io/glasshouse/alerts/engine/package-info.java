/** See the module README: the engine part of alerting. */
package io.glasshouse.alerts.engine;
