package io.glasshouse.rollup.access;

import io.glasshouse.rollup.problem.Problem;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * The one Vert.x handler that admits a request only with a token carrying a scope. Mount it before the routes it
 * guards, e.g. {@code router.route("/api/v1/config/*").handler(AccessHandler.require(tokens, Scope.ADMIN))};
 * admitted requests go on with {@link #tokenName(RoutingContext)} set, refused ones are answered here:
 *
 * <ul>
 *   <li>401 {@code application/problem+json} with {@code WWW-Authenticate: Bearer realm="glasshouse"} when the
 *       token is missing, unknown or lacks the scope (one body for unknown and lacking, so a caller learns
 *       nothing about which tokens exist);
 *   <li>403 when no configured token carries the scope (the feature is switched off), saying which key to set.
 * </ul>
 *
 * <p>Nothing is logged about the presented token.
 */
public final class AccessHandler implements Handler<RoutingContext> {
  /** Routing-context key under which the admitted token's name is kept. */
  public static final String TOKEN_NAME = "glasshouse.access.token";
  static final String PROBLEM_JSON = "application/problem+json";

  private final AccessTokens tokens;
  private final Scope scope;
  private final boolean queryToken;

  private AccessHandler(AccessTokens tokens, Scope scope, boolean queryToken) {
    this.tokens = tokens;
    this.scope = scope;
    this.queryToken = queryToken;
  }

  /** Requires {@code scope} from the {@code Authorization: Bearer} header (or the scope being open). */
  public static AccessHandler require(AccessTokens tokens, Scope scope) {
    return new AccessHandler(tokens, scope, false);
  }

  /**
   * For staff pages opened in a browser: requires {@code scope} from the header or a {@code ?token=} parameter,
   * and never treats the scope as open (an open read API does not open the staff pages).
   */
  public static AccessHandler staff(AccessTokens tokens, Scope scope) {
    return new AccessHandler(tokens.closed(), scope, true);
  }

  /** The name of the token that was admitted (or {@value AccessTokens#ANONYMOUS}); null before this handler ran. */
  public static String tokenName(RoutingContext ctx) {
    return ctx.get(TOKEN_NAME);
  }

  @Override
  public void handle(RoutingContext ctx) {
    String auth = ctx.request().getHeader("authorization");
    Grant grant;
    if (auth == null && queryToken && ctx.queryParams().get("token") != null) {
      grant = tokens.checkToken(ctx.queryParams().get("token"), scope);
    } else {
      grant = tokens.check(auth, scope);
    }
    if (grant.granted()) {
      ctx.put(TOKEN_NAME, grant.tokenName());
      ctx.next();
      return;
    }
    String s = "'" + scope.key() + "'";
    if (grant.outcome() == Grant.Outcome.DISABLED) {
      answer(ctx, 403, "access-disabled", "No token has the " + scope.key() + " scope",
          "No configured token carries the " + s + " scope, so this is switched off: add a token with scopes: ["
              + scope.key() + "] under server.tokens" + legacyHint() + ", and restart.");
      return;
    }
    ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"glasshouse\"");
    answer(ctx, 401, "unauthorized", "Unauthorized", grant.outcome() == Grant.Outcome.MISSING
        ? "This needs a bearer token with the " + s + " scope: send 'Authorization: Bearer <token>'"
            + (queryToken ? " (or add ?token=<token> to the URL in a browser)." : ".")
        : "The token presented does not grant the " + s + " scope: it is unknown or configured without that "
            + "scope. Tokens and their scopes are set under server.tokens.");
  }

  private String legacyHint() {
    return switch (scope) {
      case INGEST -> " (or list it in collector.ingest-tokens)";
      case READ, ADMIN -> " (or list it in server.staff-tokens, which grants read and admin)";
    };
  }

  private static void answer(RoutingContext ctx, int status, String type, String title, String detail) {
    ctx.response().putHeader("x-content-type-options", "nosniff").putHeader("cache-control", "no-store");
    Problem.of(status, type, title, detail).with("instance", ctx.request().path()).write(ctx.response());
  }
}
