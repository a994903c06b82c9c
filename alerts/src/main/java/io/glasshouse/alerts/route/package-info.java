/** See the module README: the route part of alerting. */
package io.glasshouse.alerts.route;
