package io.glasshouse.statuspage.incident;

/**
 * A change to incidents that was refused and applied nothing: a bad field (status 400, {@link #field()} names it),
 * an unknown id (404) or a state that does not allow it (409). {@link #getMessage()} says what to fix.
 */
public final class IncidentRejected extends RuntimeException {
  private final int status;
  private final String field;

  private IncidentRejected(int status, String field, String detail) {
    super(detail, null, false, false);
    this.status = status;
    this.field = field;
  }

  /** A bad field (400). */
  public static IncidentRejected field(String field, String detail) {
    return new IncidentRejected(400, field, detail);
  }

  /** No incident, maintenance or draft has this id (404). */
  public static IncidentRejected unknown(String what, String id) {
    return new IncidentRejected(404, null, "No " + what + " with id '" + id + "'; GET /api/v1/incidents, "
        + "/api/v1/maintenances or /api/v1/incidents/drafts lists them.");
  }

  /** The entry's state does not allow the change (409). */
  public static IncidentRejected conflict(String detail) {
    return new IncidentRejected(409, null, detail);
  }

  /** 400, 404 or 409. */
  public int status() {
    return status;
  }

  /** The request field to fix (400 only), else null. */
  public String field() {
    return field;
  }
}
