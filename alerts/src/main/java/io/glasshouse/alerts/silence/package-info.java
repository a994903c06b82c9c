/** See the module README: the silence part of alerting. */
package io.glasshouse.alerts.silence;
