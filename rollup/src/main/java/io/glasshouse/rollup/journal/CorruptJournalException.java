package io.glasshouse.rollup.journal;

/**
 * Replay found a corrupt record that is not a torn tail (a crash mid-write): the message names the segment, the
 * offset, the last good sequence number and the flag that lets the operator cut the journal there.
 */
public final class CorruptJournalException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public CorruptJournalException(String message) {
    super(message);
  }
}
