/** See the module README: the rule part of alerting. */
package io.glasshouse.alerts.rule;
