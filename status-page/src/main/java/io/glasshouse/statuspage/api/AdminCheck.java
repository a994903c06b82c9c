package io.glasshouse.statuspage.api;

import io.vertx.ext.web.RoutingContext;
import java.util.Optional;

/**
 * Decides whether a request may change things (the {@code admin} scope). Implementations answer the request
 * themselves (401/403 problem+json, no detail about the secret) when it may not.
 */
@FunctionalInterface
public interface AdminCheck {
  /**
   * @return who is acting (a label safe to store in audit records, never the secret), or empty when the request
   *     was refused and already answered
   */
  Optional<String> authorise(RoutingContext ctx);
}
