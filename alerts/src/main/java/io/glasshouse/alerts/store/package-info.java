/** See the module README: the store part of alerting. */
package io.glasshouse.alerts.store;
