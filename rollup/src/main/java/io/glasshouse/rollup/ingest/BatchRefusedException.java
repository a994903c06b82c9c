package io.glasshouse.rollup.ingest;

import java.util.List;

/**
 * The engine refused an atomic batch whole: some of its samples could not be applied (see
 * {@link #rejections()}, by reason), so none was; the batch changed nothing. Sending it again unchanged fails
 * the same way: the sender must fix or drop the refused samples. Cardinality limits are the subclass
 * {@link SeriesLimitException}; everything else (for example {@code too_late}) is refused as invalid input.
 */
public class BatchRefusedException extends RuntimeException {
  private final transient List<Rejection> rejections;

  public BatchRefusedException(String detail, List<Rejection> rejections) {
    super(detail, null, false, false);
    this.rejections = List.copyOf(rejections);
  }

  /** Why, by reason; counts are samples of the batch. */
  public List<Rejection> rejections() {
    return rejections;
  }

  /** Samples refused for a reason of their own (the rest were refused only because the batch is atomic). */
  public int refusedSamples() {
    return rejections.stream().mapToInt(Rejection::count).sum();
  }
}
