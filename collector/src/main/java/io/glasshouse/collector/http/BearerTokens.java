package io.glasshouse.collector.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.List;

/**
 * Checks {@code Authorization: Bearer <token>} against configured ingest tokens in constant time: tokens are
 * compared as SHA-256 digests with {@link MessageDigest#isEqual}, and every configured token is compared, so
 * neither the position of a mismatch nor the lengths leak through timing. Thread-safe.
 */
public final class BearerTokens {
  private static final String PREFIX = "Bearer ";

  private final List<byte[]> digests;

  public BearerTokens(Collection<String> tokens) {
    this.digests = tokens.stream().map(BearerTokens::sha256).toList();
  }

  /** True when no tokens are configured: ingest is open. */
  public boolean open() {
    return digests.isEmpty();
  }

  /** Whether the {@code Authorization} header value carries one of the tokens; always true when open. */
  public boolean allows(String authorization) {
    return client(authorization) >= 0;
  }

  /**
   * Which configured token the {@code Authorization} header carries, as its index: the client identity used
   * for per-token fairness; -1 when it carries none. Always 0 when open (every sender is the same client).
   */
  public int client(String authorization) {
    if (open()) {
      return 0;
    }
    if (authorization == null || authorization.length() <= PREFIX.length()
        || !authorization.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
      return -1;
    }
    byte[] given = sha256(authorization.substring(PREFIX.length()).trim());
    int found = -1;
    for (int i = 0; i < digests.size(); i++) {
      found = MessageDigest.isEqual(digests.get(i), given) ? i : found;
    }
    return found;
  }

  /** Number of configured tokens. */
  public int size() {
    return digests.size();
  }

  private static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
  }
}
