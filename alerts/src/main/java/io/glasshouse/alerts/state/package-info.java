/** See the module README: the state part of alerting. */
package io.glasshouse.alerts.state;
