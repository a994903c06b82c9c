/** See the module README: the nflog part of alerting. */
package io.glasshouse.alerts.nflog;
