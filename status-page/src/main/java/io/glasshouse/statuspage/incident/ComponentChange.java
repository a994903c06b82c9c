package io.glasshouse.statuspage.incident;

import io.glasshouse.rollup.status.ComponentStatus;

/**
 * How an incident update set one component (Statuspage's {@code affected_components}: code, name, old and new
 * status).
 *
 * @param componentId the component's id (its {@code code})
 * @param oldStatus the status before this update
 * @param newStatus the status this update set
 */
public record ComponentChange(String componentId, ComponentStatus oldStatus, ComponentStatus newStatus) {
}
