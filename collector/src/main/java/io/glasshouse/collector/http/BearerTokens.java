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
    if (open()) {
      return true;
    }
    if (authorization == null || authorization.length() <= PREFIX.length()
        || !authorization.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
      return false;
    }
    byte[] given = sha256(authorization.substring(PREFIX.length()).trim());
    boolean match = false;
    for (byte[] d : digests) {
      match |= MessageDigest.isEqual(d, given);
    }
    return match;
  }

  private static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
  }
}
