package io.glasshouse.statuspage.subscription;

import java.time.Instant;
import java.util.List;

/**
 * One customer's webhook subscription.
 *
 * @param id stable id, used in {@code /api/v1/subscriptions/{id}}
 * @param url where deliveries are POSTed
 * @param components the public component ids it follows; empty for every component and every incident
 * @param secret the signing secret (see {@link WebhookSignature}); kept at rest in {@code subscriptions.db}
 * @param token the unsubscribe token, part of the unsubscribe link; kept likewise
 * @param createdAt when it was registered
 */
public record Subscription(String id, String url, List<String> components, String secret, String token,
    Instant createdAt) {
  public Subscription {
    components = List.copyOf(components == null ? List.of() : components);
  }

  /** True when it follows every component. */
  public boolean followsAll() {
    return components.isEmpty();
  }

  @Override
  public String toString() {
    return "Subscription[" + id + " " + url + "]"; // never the secret or the token
  }
}
