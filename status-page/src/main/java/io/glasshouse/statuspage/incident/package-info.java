/**
 * Incidents and scheduled maintenance in Statuspage's model: {@link io.glasshouse.statuspage.incident.Incident},
 * its timeline of {@link io.glasshouse.statuspage.incident.IncidentUpdate}s, and the read side {@link
 * io.glasshouse.statuspage.incident.IncidentLog} the public page, the JSON API, feeds and subscriptions read.
 */
package io.glasshouse.statuspage.incident;
