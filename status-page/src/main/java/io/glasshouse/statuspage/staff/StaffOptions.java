package io.glasshouse.statuspage.staff;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Set;

/**
 * The staff view's settings (config section {@code staff}).
 *
 * @param siteName the name shown in the page header
 * @param sessionTtl {@code staff.session-ttl}: how long a login lasts (default 12 h, 1 min to 30 days)
 * @param maxSessions {@code staff.max-sessions}: sessions kept at most (default 10,000; the oldest goes first)
 * @param trustForwardedProto {@code staff.trust-forwarded-proto}: when true, {@code X-Forwarded-Proto: https} from
 *     a TLS-terminating proxy marks the session cookie {@code Secure} (default false: only a TLS connection does)
 */
public record StaffOptions(String siteName, Duration sessionTtl, int maxSessions, boolean trustForwardedProto) {
  /** The keys of the {@code staff} section. */
  public static final Set<String> KEYS = Set.of("site-name", "session-ttl", "max-sessions", "trust-forwarded-proto");

  /** The defaults: "Glasshouse", 12 h, 10,000 sessions, forwarded protocol not trusted. */
  public static StaffOptions defaults() {
    return new StaffOptions("Glasshouse", Duration.ofHours(12), 10_000, false);
  }

  /**
   * Reads the {@code staff} section (null or empty: the defaults).
   *
   * @throws IllegalArgumentException naming the key and what it accepts
   */
  public static StaffOptions fromJson(JsonObject section) {
    StaffOptions d = defaults();
    if (section == null) {
      return d;
    }
    for (String k : section.fieldNames()) {
      if (!KEYS.contains(k)) {
        throw new IllegalArgumentException("staff." + k + ": unknown key; expected one of " + new java.util.TreeSet<>(KEYS));
      }
    }
    String name = d.siteName();
    if (section.containsKey("site-name")) {
      name = String.valueOf(section.getValue("site-name"));
      if (name.isBlank() || name.length() > 100) {
        throw new IllegalArgumentException("staff.site-name: give 1 to 100 characters");
      }
    }
    Duration ttl = d.sessionTtl();
    if (section.containsKey("session-ttl")) {
      try {
        ttl = io.glasshouse.rollup.query.TimeSyntax.parseDuration(String.valueOf(section.getValue("session-ttl")));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("staff.session-ttl: " + e.getMessage() + " (e.g. 12h)");
      }
      if (ttl.compareTo(Duration.ofMinutes(1)) < 0 || ttl.compareTo(Duration.ofDays(30)) > 0) {
        throw new IllegalArgumentException("staff.session-ttl: must be from 1m to 30d, got " + ttl);
      }
    }
    int max = d.maxSessions();
    if (section.containsKey("max-sessions")) {
      Object v = section.getValue("max-sessions");
      if (v instanceof String str && str.trim().matches("\\d{1,7}")) {
        v = Integer.parseInt(str.trim()); // from an environment override
      }
      if (!(v instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue()) || n.intValue() < 1
          || n.intValue() > 1_000_000) {
        throw new IllegalArgumentException("staff.max-sessions: must be a whole number from 1 to 1000000, got " + v);
      }
      max = n.intValue();
    }
    boolean trust = d.trustForwardedProto();
    if (section.containsKey("trust-forwarded-proto")) {
      Object v = section.getValue("trust-forwarded-proto");
      if (v instanceof String str && (str.equalsIgnoreCase("true") || str.equalsIgnoreCase("false"))) {
        v = Boolean.parseBoolean(str); // from an environment override
      }
      if (!(v instanceof Boolean b)) {
        throw new IllegalArgumentException("staff.trust-forwarded-proto: must be true or false, got " + v);
      }
      trust = b;
    }
    return new StaffOptions(name, ttl, max, trust);
  }
}
