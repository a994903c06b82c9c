/** See the module README: the receiver part of alerting. */
package io.glasshouse.alerts.receiver;
