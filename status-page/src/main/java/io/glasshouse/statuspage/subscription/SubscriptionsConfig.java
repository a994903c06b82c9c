package io.glasshouse.statuspage.subscription;

import io.glasshouse.rollup.config.ConfigValues;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.time.Duration;
import java.util.Set;

/**
 * The {@code subscriptions:} configuration section: feeds and customer webhooks.
 *
 * @param publicUrl the page's public base URL ({@code public-url}), used in unsubscribe links, feed links and ids
 * @param pageId the page id sent in webhook payloads ({@code page-id})
 * @param pageName the page's name, the feeds' title ({@code page-name})
 * @param documentation the URL sent as {@code meta.documentation} ({@code documentation-url})
 * @param allowPrivateUrls whether webhook URLs may point at loopback, private or link-local addresses
 *     ({@code allow-private-urls}; off by default, see the README: SSRF)
 * @param maxSubscriptions the most subscriptions kept at once ({@code max-subscriptions})
 * @param rateBurst requests one client address may make to the subscription endpoints at once ({@code rate-burst})
 * @param ratePerMinute requests per minute it regains ({@code rate-per-minute})
 * @param maxAttempts attempts per delivery before it is given up ({@code max-attempts})
 * @param initialBackoff the delay before the first retry ({@code initial-backoff}); each later one doubles
 * @param maxBackoff the longest delay between attempts ({@code max-backoff})
 * @param timeout how long one attempt may take, connection included ({@code timeout})
 * @param queueLimit undelivered events kept per subscription; older ones are dropped and recorded
 *     ({@code queue-limit})
 */
public record SubscriptionsConfig(String publicUrl, String pageId, String pageName, String documentation,
    boolean allowPrivateUrls, int maxSubscriptions, int rateBurst, int ratePerMinute, int maxAttempts,
    Duration initialBackoff, Duration maxBackoff, Duration timeout, int queueLimit) {
  static final String S = "subscriptions.";
  private static final Set<String> KEYS = Set.of("public-url", "page-id", "page-name", "documentation-url",
      "allow-private-urls", "max-subscriptions", "rate-burst", "rate-per-minute", "max-attempts", "initial-backoff",
      "max-backoff", "timeout", "queue-limit");

  public SubscriptionsConfig {
    publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
  }

  /** Defaults, with {@code publicUrl} as the page's base URL. */
  public static SubscriptionsConfig defaults(String publicUrl) {
    return fromJson(new JsonObject(), publicUrl);
  }

  /**
   * Reads the section; throws {@link IllegalArgumentException} naming the key ({@code subscriptions.<key>}) and
   * what it accepts.
   *
   * @param defaultPublicUrl used when {@code public-url} is absent (the server passes its own address)
   */
  public static SubscriptionsConfig fromJson(JsonObject json, String defaultPublicUrl) {
    for (String k : json.fieldNames()) {
      if (!KEYS.contains(k)) {
        throw new IllegalArgumentException("unknown key " + S + k + "; expected one of " + new java.util.TreeSet<>(KEYS));
      }
    }
    String url = json.getValue("public-url") == null ? defaultPublicUrl : String.valueOf(json.getValue("public-url"));
    try {
      URI u = URI.create(url);
      if (!("http".equals(u.getScheme()) || "https".equals(u.getScheme())) || u.getHost() == null) {
        throw new IllegalArgumentException();
      }
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(S + "public-url: '" + url + "' is not an absolute http(s) URL, e.g. "
          + "https://status.example.com");
    }
    Object allow = json.getValue("allow-private-urls", false);
    if (!(allow instanceof Boolean) && !"true".equals(String.valueOf(allow)) && !"false".equals(String.valueOf(allow))) {
      throw new IllegalArgumentException(S + "allow-private-urls: '" + allow + "' must be true or false");
    }
    SubscriptionsConfig c = new SubscriptionsConfig(url, json.getString("page-id", "glasshouse"),
        json.getString("page-name", "Glasshouse"), json.getString("documentation-url", url + "/openapi.yaml"),
        Boolean.parseBoolean(String.valueOf(allow)),
        ConfigValues.integer(json, S + "max-subscriptions", "max-subscriptions", 1000),
        ConfigValues.integer(json, S + "rate-burst", "rate-burst", 10),
        ConfigValues.integer(json, S + "rate-per-minute", "rate-per-minute", 10),
        ConfigValues.integer(json, S + "max-attempts", "max-attempts", 8),
        ConfigValues.duration(json, S + "initial-backoff", "initial-backoff", Duration.ofSeconds(10)),
        ConfigValues.duration(json, S + "max-backoff", "max-backoff", Duration.ofHours(1)),
        ConfigValues.duration(json, S + "timeout", "timeout", Duration.ofSeconds(10)),
        ConfigValues.integer(json, S + "queue-limit", "queue-limit", 100));
    positive("max-subscriptions", c.maxSubscriptions);
    positive("rate-burst", c.rateBurst);
    positive("rate-per-minute", c.ratePerMinute);
    positive("max-attempts", c.maxAttempts);
    positive("initial-backoff", c.initialBackoff.toMillis());
    positive("timeout", c.timeout.toMillis());
    positive("queue-limit", c.queueLimit);
    if (c.maxBackoff.compareTo(c.initialBackoff) < 0) {
      throw new IllegalArgumentException(S + "max-backoff (" + c.maxBackoff + ") must be at least "
          + S + "initial-backoff (" + c.initialBackoff + ")");
    }
    return c;
  }

  private static void positive(String key, long v) {
    if (v <= 0) {
      throw new IllegalArgumentException(S + key + " must be greater than 0, got " + v);
    }
  }

  /** This configuration with private URLs allowed or not (tests deliver to loopback). */
  public SubscriptionsConfig withAllowPrivateUrls(boolean allow) {
    return new SubscriptionsConfig(publicUrl, pageId, pageName, documentation, allow, maxSubscriptions, rateBurst,
        ratePerMinute, maxAttempts, initialBackoff, maxBackoff, timeout, queueLimit);
  }

  /** This configuration with other rate limits. */
  public SubscriptionsConfig withRate(int burst, int perMinute) {
    return new SubscriptionsConfig(publicUrl, pageId, pageName, documentation, allowPrivateUrls, maxSubscriptions,
        burst, perMinute, maxAttempts, initialBackoff, maxBackoff, timeout, queueLimit);
  }
}
