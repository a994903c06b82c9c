package io.glasshouse.rollup.config;

/** A config change or lookup that cannot be done as asked, with the HTTP status the config API answers. */
public final class ConfigRefusal extends RuntimeException {
  /** Why. */
  public enum Reason {
    /** No such kind (or document format). 404. */
    UNKNOWN_KIND(404),
    /** No object with that id. 404. */
    NOT_FOUND(404),
    /** An object with that id exists already. 409. */
    EXISTS(409),
    /** The object comes from the configuration file, which stays its source. 409. */
    FILE_OWNED(409),
    /** {@code If-Match} named another version. 412. */
    VERSION_MISMATCH(412),
    /** Creating it would pass the kind's configured maximum number of objects. 409. */
    LIMIT(409);

    private final int status;

    Reason(int status) {
      this.status = status;
    }

    public int status() {
      return status;
    }
  }

  private final Reason reason;

  public ConfigRefusal(Reason reason, String detail) {
    super(detail, null, false, false);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }

  public String detail() {
    return getMessage();
  }
}
