package io.glasshouse.rollup.status;

import java.util.Objects;

/**
 * A component status a person declared through an open incident (e.g. "checkout: partial_outage" in incident
 * {@code k3x9...}): an input of the evaluation, not an override. The status shown is the worse of this and the
 * derived one, so an incident never hides a worse outage the rules see; when the incident resolves, the input goes
 * and the derived status shows again.
 *
 * @param status     the declared status, worse than operational
 * @param incidentId the incident that declares it (the worst one when several do)
 */
public record DeclaredStatus(ComponentStatus status, String incidentId) {
  public DeclaredStatus {
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(incidentId, "incidentId");
  }
}
