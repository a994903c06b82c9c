package io.glasshouse.rollup.slo;

/**
 * An SLO definition (JSON, config file or OpenSLO) that cannot be accepted. {@link #field()} names the offending
 * field as a JSON path ({@code sli.ratio.good}, {@code window.time-zone}, {@code spec.budgetingMethod}) and
 * {@link #detail()} says what to write instead; the message joins both.
 */
public final class SloDefinitionException extends IllegalArgumentException {
  private final String field;
  private final String detail;

  public SloDefinitionException(String field, String detail) {
    super(field + ": " + detail);
    this.field = field;
    this.detail = detail;
  }

  /** The JSON path of the field at fault; empty for the document as a whole. */
  public String field() {
    return field;
  }

  /** What is wrong and how to fix it. */
  public String detail() {
    return detail;
  }

  /** The same problem, its field placed under {@code prefix} (e.g. {@code slos[2]}). */
  public SloDefinitionException under(String prefix) {
    return new SloDefinitionException(field.isEmpty() ? prefix : prefix + "." + field, detail);
  }
}
