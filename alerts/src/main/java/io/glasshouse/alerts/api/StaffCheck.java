package io.glasshouse.alerts.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Set;

/**
 * The staff-token check the capacity report routes use (same rules, same answers): {@code Authorization: Bearer
 * <staff token>} compared in constant time (SHA-256 digests with {@link MessageDigest#isEqual}); 403 when no staff
 * token is configured, 401 otherwise. To be replaced by the scoped token check of the config API.
 */
final class StaffCheck {
  private final List<byte[]> digests;

  StaffCheck(Set<String> tokens) {
    this.digests = tokens.stream().filter(t -> t != null && !t.isEmpty()).map(StaffCheck::digest).toList();
  }

  boolean configured() {
    return !digests.isEmpty();
  }

  /** Whether {@code authorization} (the header, may be null) carries a configured token. */
  boolean allows(String authorization) {
    if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return false;
    }
    byte[] d = digest(authorization.substring(7).trim());
    boolean ok = false;
    for (byte[] t : digests) {
      ok |= MessageDigest.isEqual(d, t);
    }
    return ok;
  }

  static byte[] digest(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
