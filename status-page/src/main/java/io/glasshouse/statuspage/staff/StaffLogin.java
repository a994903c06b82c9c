package io.glasshouse.statuspage.staff;

import io.glasshouse.rollup.access.AccessTokens;
import io.glasshouse.rollup.access.Grant;
import io.glasshouse.rollup.access.Scope;
import io.vertx.core.http.Cookie;
import io.vertx.ext.web.RoutingContext;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Who is looking at a staff page: a session cookie from {@code /staff/login}, or an {@code Authorization: Bearer}
 * header with a token carrying the {@code read} scope (for scripts; nothing is stored then).
 *
 * <p>The cookie ({@value #COOKIE}) holds only the session's random id, never the token; it is {@code HttpOnly},
 * {@code SameSite=Strict}, {@code Path=/staff}, and {@code Secure} when the request came over TLS (or with
 * {@code X-Forwarded-Proto: https} when {@link StaffOptions#trustForwardedProto()} says a proxy in front sets it).
 * The staff view is never opened by an open read scope: tokens are checked with every scope closed.
 */
public final class StaffLogin {
  /** The session cookie's name. */
  public static final String COOKIE = "glasshouse_staff";
  static final String SESSION_KEY = "glasshouse.staff.session";

  private final AccessTokens access;
  private final StaffSessions sessions;
  private final StaffOptions options;

  /** The outcome of looking for credentials on a request. */
  enum Outcome { SIGNED_IN, NONE, REFUSED }

  StaffLogin(AccessTokens access, StaffSessions sessions, StaffOptions options) {
    this.access = access.closed();
    this.sessions = sessions;
    this.options = options;
  }

  /** Checks the request's credentials; on success the session is in the context under {@link #SESSION_KEY}. */
  Outcome identify(RoutingContext ctx) {
    String authorization = ctx.request().getHeader("Authorization");
    if (authorization != null) {
      Grant g = access.check(authorization, Scope.READ);
      if (!g.granted()) {
        return Outcome.REFUSED;
      }
      String token = authorization.substring("Bearer ".length()).trim();
      ctx.put(SESSION_KEY, new StaffSessions.Session(g.tokenName(), scopes(token), null));
      return Outcome.SIGNED_IN;
    }
    Cookie c = ctx.request().getCookie(COOKIE);
    if (c == null) {
      return Outcome.NONE;
    }
    Optional<StaffSessions.Session> s = sessions.find(c.getValue());
    if (s.isEmpty() || !s.get().scopes().contains(Scope.READ)) {
      clearCookie(ctx); // expired or unknown: the browser may forget it
      return Outcome.NONE;
    }
    ctx.put(SESSION_KEY, s.get());
    return Outcome.SIGNED_IN;
  }

  /** Checks a pasted token; when it carries the read scope, starts a session and sets its cookie. */
  boolean signIn(RoutingContext ctx, String token) {
    if (token == null || token.isBlank() || token.length() > 1024) {
      return false;
    }
    String t = token.trim();
    Grant g = access.checkToken(t, Scope.READ);
    if (!g.granted()) {
      return false;
    }
    StaffSessions.Started started = sessions.start(g.tokenName(), scopes(t));
    ctx.response().headers().add("Set-Cookie", COOKIE + "=" + started.id() + "; Path=/staff; Max-Age="
        + options.sessionTtl().toSeconds() + "; HttpOnly; SameSite=Strict" + (secure(ctx) ? "; Secure" : ""));
    return true;
  }

  /** Ends the request's session, if any, and clears the cookie. */
  void signOut(RoutingContext ctx) {
    Cookie c = ctx.request().getCookie(COOKIE);
    if (c != null) {
      sessions.end(c.getValue());
    }
    clearCookie(ctx);
  }

  private void clearCookie(RoutingContext ctx) {
    ctx.response().headers().add("Set-Cookie", COOKIE + "=; Path=/staff; Max-Age=0; HttpOnly; SameSite=Strict"
        + (secure(ctx) ? "; Secure" : ""));
  }

  /** Whether the browser reached us over TLS (directly, or through a trusted proxy saying so). */
  boolean secure(RoutingContext ctx) {
    if (ctx.request().isSSL()) {
      return true;
    }
    String proto = ctx.request().getHeader("X-Forwarded-Proto");
    return options.trustForwardedProto() && proto != null
        && proto.split(",")[0].trim().equalsIgnoreCase("https");
  }

  private Set<Scope> scopes(String token) {
    Set<Scope> out = EnumSet.noneOf(Scope.class);
    for (Scope s : Scope.values()) {
      if (access.checkToken(token, s).granted()) {
        out.add(s);
      }
    }
    return out;
  }
}
