package io.glasshouse.rollup.store;

/**
 * The store holds a row the engine cannot read. The message names the file, the row and what the operator can
 * do; start-up stops with it rather than guessing.
 */
public final class CorruptStoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public CorruptStoreException(String message) {
    super(message);
  }
}
