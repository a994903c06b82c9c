/** See the module README: the api part of alerting. */
package io.glasshouse.alerts.api;
