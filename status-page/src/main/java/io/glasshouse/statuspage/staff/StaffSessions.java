package io.glasshouse.statuspage.staff;

import io.glasshouse.rollup.access.Scope;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The staff view's sessions: an opaque random id (256 bits from {@link SecureRandom}, base64url) handed to the
 * browser as a cookie, mapped here to the token's name and scopes and an expiry. The token itself is never stored
 * or sent back. Ids are kept only as their SHA-256, so a lookup reveals nothing through timing about stored ids.
 *
 * <p>Bounded: at most {@code maxSessions}; starting one more first drops expired sessions, then the oldest.
 * Expiry is absolute (a session lasts {@code ttl} from login) and read from the injected clock. Thread-safe; one
 * instance is shared by every event-loop verticle.
 */
public final class StaffSessions {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Clock clock;
  private final Duration ttl;
  private final int maxSessions;
  /** By SHA-256 of the id, oldest first. */
  private final LinkedHashMap<String, Session> sessions = new LinkedHashMap<>();

  /**
   * One signed-in person.
   *
   * @param tokenName the name of the token they signed in with (safe to show; never the secret)
   * @param scopes the scopes that token carried at login
   * @param expiresAt when the session ends
   */
  public record Session(String tokenName, Set<Scope> scopes, Instant expiresAt) {
    public Session {
      scopes = Set.copyOf(scopes);
    }
  }

  /** A new session's id (for the cookie) and what it maps to. */
  public record Started(String id, Session session) {
  }

  /**
   * @param ttl how long a session lasts from login (positive)
   * @param maxSessions how many sessions are kept at most (positive)
   */
  public StaffSessions(Clock clock, Duration ttl, int maxSessions) {
    if (ttl.isNegative() || ttl.isZero()) {
      throw new IllegalArgumentException("session ttl must be positive, got " + ttl);
    }
    if (maxSessions < 1) {
      throw new IllegalArgumentException("max sessions must be at least 1, got " + maxSessions);
    }
    this.clock = clock;
    this.ttl = ttl;
    this.maxSessions = maxSessions;
  }

  /** Starts a session for a token that was just checked; the returned id goes into the cookie only. */
  public synchronized Started start(String tokenName, Set<Scope> scopes) {
    Instant now = clock.instant();
    if (sessions.size() >= maxSessions) {
      dropExpired(now);
    }
    while (sessions.size() >= maxSessions) {
      Iterator<String> oldest = sessions.keySet().iterator();
      oldest.next();
      oldest.remove();
    }
    byte[] raw = new byte[32];
    RANDOM.nextBytes(raw);
    String id = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    Session s = new Session(tokenName, scopes, now.plus(ttl));
    sessions.put(key(id), s);
    return new Started(id, s);
  }

  /** The live session of {@code id}; empty when unknown or expired (an expired one is dropped). */
  public synchronized Optional<Session> find(String id) {
    if (id == null || id.isEmpty() || id.length() > 100) {
      return Optional.empty();
    }
    String k = key(id);
    Session s = sessions.get(k);
    if (s == null) {
      return Optional.empty();
    }
    if (!clock.instant().isBefore(s.expiresAt())) {
      sessions.remove(k);
      return Optional.empty();
    }
    return Optional.of(s);
  }

  /** Ends the session of {@code id}, if any. */
  public synchronized void end(String id) {
    if (id != null && id.length() <= 100) {
      sessions.remove(key(id));
    }
  }

  /** Sessions held now, expired ones not yet dropped included. */
  public synchronized int size() {
    return sessions.size();
  }

  public Duration ttl() {
    return ttl;
  }

  private void dropExpired(Instant now) {
    for (Iterator<Map.Entry<String, Session>> it = sessions.entrySet().iterator(); it.hasNext(); ) {
      if (!now.isBefore(it.next().getValue().expiresAt())) {
        it.remove();
      }
    }
  }

  private static String key(String id) {
    try {
      return Base64.getEncoder().encodeToString(
          MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
  }
}
