package io.glasshouse.rollup.access;

/**
 * The outcome of one check.
 *
 * @param outcome    granted, or why not
 * @param tokenName  the token's name when one was recognised and granted; {@code "anonymous"} when the scope is
 *                   open and no known token was presented; null when refused
 * @param client     a small number identifying the client among the tokens carrying the scope (for per-client
 *                   fairness); 0 for anonymous access to an open scope; -1 when refused
 */
public record Grant(Outcome outcome, String tokenName, int client) {
  /** Why a request may or may not proceed. */
  public enum Outcome {
    /** A token carrying the scope was presented, or the scope is open. */
    GRANTED,
    /** No token was presented. */
    MISSING,
    /** A token was presented that is unknown or does not carry the scope (deliberately not told apart). */
    REFUSED,
    /** No configured token carries the scope and it is not open: the feature is switched off. */
    DISABLED
  }

  /** Whether the request may proceed. */
  public boolean granted() {
    return outcome == Outcome.GRANTED;
  }
}
