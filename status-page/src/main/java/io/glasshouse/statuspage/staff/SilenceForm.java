package io.glasshouse.statuspage.staff;

import io.glasshouse.alerts.config.Durations;
import io.glasshouse.alerts.route.Matcher;
import io.glasshouse.rollup.access.Scope;
import io.vertx.core.http.Cookie;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

/**
 * The staff alerts page's write side: who may change silences, the form token that ties a form to its session,
 * and reading the new-silence form.
 *
 * <p>Writes need the {@code admin} scope. A cookie session's forms carry a token derived from the session's secret
 * id (SHA-256 of a fixed prefix and the id), so a page of another site cannot post them even if the browser sent
 * the cookie (it does not: the cookie is {@code SameSite=Strict}). A request that authenticates with an
 * {@code Authorization} header carries no ambient credential and needs no form token.
 */
final class SilenceForm {
  private static final String PREFIX = "glasshouse-staff-form\0";

  /** A parsed new-silence form. */
  record NewSilence(List<Matcher> matchers, Duration duration, String comment) {
  }

  private SilenceForm() {
  }

  /** Whether the signed-in person's token carries the admin scope. */
  static boolean canWrite(RoutingContext ctx) {
    StaffSessions.Session s = ctx.get(StaffLogin.SESSION_KEY);
    return s != null && s.scopes().contains(Scope.ADMIN);
  }

  /** The form token of the request's session; empty for header-authenticated requests. */
  static String token(RoutingContext ctx) {
    if (ctx.request().getHeader("Authorization") != null) {
      return "";
    }
    Cookie c = ctx.request().getCookie(StaffLogin.COOKIE);
    return c == null ? "" : digest(c.getValue());
  }

  /** Whether the posted form token belongs to the request's session (always true for header authentication). */
  static boolean tokenMatches(RoutingContext ctx) {
    if (ctx.request().getHeader("Authorization") != null) {
      return true;
    }
    String expected = token(ctx);
    String got = ctx.request().getFormAttribute("csrf");
    return !expected.isEmpty() && got != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
        got.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Reads the new-silence form: {@code matchers} (a comma-separated selector), {@code duration}, {@code comment}.
   *
   * @throws IllegalArgumentException saying which field to fix
   */
  static NewSilence read(RoutingContext ctx) {
    String m = ctx.request().getFormAttribute("matchers");
    if (m == null || m.isBlank()) {
      throw new IllegalArgumentException("Matchers: write at least one, e.g. alertname=\"ShopErrors\".");
    }
    String selector = m.trim().replace('\n', ' ').replace('\r', ' ');
    if (!(selector.startsWith("{") && selector.endsWith("}"))) {
      selector = "{" + selector + "}";
    }
    List<Matcher> matchers = Matcher.parseAll(List.of(selector));
    if (matchers.isEmpty()) {
      throw new IllegalArgumentException("Matchers: write at least one, e.g. alertname=\"ShopErrors\".");
    }
    String d = ctx.request().getFormAttribute("duration");
    Duration duration = Durations.parse("Duration", d == null || d.isBlank() ? null : d.trim());
    if (duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException("Duration: must be positive, e.g. 2h.");
    }
    String comment = ctx.request().getFormAttribute("comment");
    if (comment == null || comment.isBlank()) {
      throw new IllegalArgumentException("Comment: say why the alerts are silenced.");
    }
    return new NewSilence(matchers, duration, comment.trim());
  }

  private static String digest(String id) {
    try {
      return Base64.getUrlEncoder().withoutPadding().encodeToString(MessageDigest.getInstance("SHA-256")
          .digest((PREFIX + id).getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
  }
}
