package io.glasshouse.statuspage.api;

import io.glasshouse.rollup.access.AccessHandler;
import io.glasshouse.rollup.access.AccessTokens;
import io.glasshouse.rollup.access.Grant;
import io.glasshouse.rollup.access.Scope;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;

/**
 * The {@link AdminCheck} of the one scoped token check ({@link AccessTokens}): admits a token with the
 * {@code admin} scope and names it for audit records; refuses everything else the way {@link AccessHandler} does
 * (same 401 for missing, unknown or lacking the scope; 403 when no token carries it).
 */
public final class ScopeCheck implements AdminCheck {
  private final AccessTokens access;

  private ScopeCheck(AccessTokens access) {
    this.access = access;
  }

  /** The admin check over {@code access}; an open scope never opens changes ({@link AccessTokens#closed()}). */
  public static ScopeCheck admin(AccessTokens access) {
    return new ScopeCheck(access.closed());
  }

  @Override
  public Optional<String> authorise(RoutingContext ctx) {
    Grant grant = access.check(ctx.request().getHeader("authorization"), Scope.ADMIN);
    if (grant.granted()) {
      return Optional.of(grant.tokenName());
    }
    AccessHandler.require(access, Scope.ADMIN).handle(ctx); // answers the refusal, never calls next
    return Optional.empty();
  }
}
