/** See the module README: the config part of alerting. */
package io.glasshouse.alerts.config;
