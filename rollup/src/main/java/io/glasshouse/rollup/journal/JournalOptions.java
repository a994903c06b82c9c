package io.glasshouse.rollup.journal;

/**
 * How the journal rolls its segments and what replay does with a corrupt record.
 *
 * @param segmentBytes a segment is closed and a new one started once it holds this many bytes, whether or not
 *     checkpoints succeed, so no segment grows without bound while the store is down
 * @param cutAtCorruption what replay does with a corrupt record that is not a torn tail: {@code false} (the
 *     default) stops start-up with a {@link CorruptJournalException} naming the segment and offset; {@code true}
 *     (the operator passed {@value Journal#CUT_FLAG}) cuts that segment at the corrupt record, logs what was
 *     dropped, and goes on with the following segments
 */
public record JournalOptions(long segmentBytes, boolean cutAtCorruption) {
  /** 64 MiB segments. */
  public static final long DEFAULT_SEGMENT_BYTES = 64L << 20;

  public JournalOptions {
    if (segmentBytes < 1) {
      throw new IllegalArgumentException("journal segment size must be positive, got " + segmentBytes);
    }
  }

  public static JournalOptions defaults() {
    return new JournalOptions(DEFAULT_SEGMENT_BYTES, false);
  }

  public JournalOptions withCutAtCorruption(boolean cut) {
    return new JournalOptions(segmentBytes, cut);
  }
}
