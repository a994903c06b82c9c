package io.glasshouse.statuspage.subscription;

import static io.glasshouse.statuspage.subscription.SubscriptionHarness.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.glasshouse.statuspage.feed.Incidents;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The subscription endpoints over a real HTTP server. */
@ExtendWith(VertxExtension.class)
class SubscriptionApiTest {
  static final String HOOK = "http://127.0.0.1:9/hook";

  @Test
  void subscribingAnswers201WithIdSecretAndUnsubscribeLink(Vertx vertx, @TempDir Path dir) {
    SubscriptionHarness h = new SubscriptionHarness(vertx, dir, SubscriptionHarness.config());
    HttpResponse<Buffer> r = h.subscribe(new JsonObject().put("url", HOOK).put("components",
        new JsonArray().add("checkout")));
    assertThat(r.statusCode()).isEqualTo(201);
    JsonObject body = r.bodyAsJsonObject();
    assertThat(body.getString("id")).startsWith("sub_");
    assertThat(r.getHeader("Location")).isEqualTo("/api/v1/subscriptions/" + body.getString("id"));
    assertThat(body.getString("secret")).startsWith("whsec_").hasSizeGreaterThan(40);
    assertThat(body.getString("unsubscribe")).startsWith("https://status.example.com/api/v1/subscriptions/"
        + body.getString("id") + "?token=");
    assertThat(body.getJsonArray("components")).containsExactly("checkout");
    assertThat(body.getString("signatureHeader")).isEqualTo("Glasshouse-Signature");
  }

  @Test
  void badBodiesAreRefusedNamingTheFieldAndStoreNothing(Vertx vertx, @TempDir Path dir) {
    SubscriptionHarness h = new SubscriptionHarness(vertx, dir, SubscriptionHarness.config().withRate(50, 50));
    assertProblem(h.subscribe(new JsonObject()), 400, "url");
    assertProblem(h.subscribe(new JsonObject().put("url", 5)), 400, "url");
    assertProblem(h.subscribe(new JsonObject().put("url", HOOK).put("components", "checkout")), 400, "components");
    assertProblem(h.subscribe(new JsonObject().put("url", HOOK).put("extra", 1)), 400, "extra");
    HttpResponse<Buffer> priv = h.subscribe(new JsonObject().put("url", HOOK).put("components",
        new JsonArray().add("billing")));
    assertProblem(priv, 400, "components");
    assertThat(priv.bodyAsJsonObject().getString("detail")).as("private ids are not revealed")
        .contains("checkout, search").doesNotContain("Billing");
    HttpResponse<Buffer> notJson = await(h.client.post(h.port, "127.0.0.1", SubscriptionRoutes.PATH)
        .putHeader("Content-Type", "application/json").sendBuffer(Buffer.buffer("{nope")));
    assertThat(notJson.statusCode()).isEqualTo(400);
    assertThat(h.subscriptions.count()).isZero();
  }

  @Test
  void privateAndLoopbackUrlsAreRefusedWithAProblemNamingWhatToFix(Vertx vertx, @TempDir Path dir) {
    SubscriptionHarness h = new SubscriptionHarness(vertx, dir, SubscriptionHarness.config()
        .withAllowPrivateUrls(false).withRate(50, 50));
    HttpResponse<Buffer> loop = h.subscribe(new JsonObject().put("url", "http://127.0.0.1:8080/api/v1/config"));
    assertProblem(loop, 400, "url");
    assertThat(loop.bodyAsJsonObject().getString("detail")).contains("127.0.0.1", "loopback",
        "subscriptions.allow-private-urls");
    HttpResponse<Buffer> metadata = h.subscribe(new JsonObject().put("url", "http://169.254.169.254/latest/"));
    assertThat(metadata.bodyAsJsonObject().getString("detail")).contains("link-local");
    assertProblem(h.subscribe(new JsonObject().put("url", "http://10.0.0.7/hook")), 400, "url");
    assertProblem(h.subscribe(new JsonObject().put("url", "file:///etc/passwd")), 400, "url");
    HttpResponse<Buffer> creds = h.subscribe(new JsonObject().put("url", "https://u:p@93.184.216.34/hook"));
    assertThat(creds.bodyAsJsonObject().getString("detail")).contains("password");
    assertThat(h.subscriptions.count()).isZero();
  }

  @Test
  void tooManyRequestsFromOneAddressAnswer429WithRetryAfter(Vertx vertx, @TempDir Path dir) {
    SubscriptionHarness h = new SubscriptionHarness(vertx, dir, SubscriptionHarness.config().withRate(2, 6));
    assertThat(h.subscribe(new JsonObject().put("url", HOOK)).statusCode()).isEqualTo(201);
    assertThat(h.subscribe(new JsonObject().put("url", HOOK)).statusCode()).isEqualTo(201);
    HttpResponse<Buffer> limited = h.subscribe(new JsonObject().put("url", HOOK));
    assertProblem(limited, 429, null);
    assertThat(limited.getHeader("Retry-After")).isEqualTo("10");
    assertThat(limited.bodyAsJsonObject().getString("type")).isEqualTo("/problems/rate-limited");
    assertThat(h.subscriptions.count()).isEqualTo(2);
    // the bucket refills on the clock: one request per 10 s at 6 a minute
    h.clock.add(Duration.ofSeconds(10));
    assertThat(h.subscribe(new JsonObject().put("url", HOOK)).statusCode()).isEqualTo(201);
    assertThat(h.subscribe(new JsonObject().put("url", HOOK)).statusCode()).isEqualTo(429);
  }

  @Test
  void theTotalNumberOfSubscriptionsIsLimited(Vertx vertx, @TempDir Path dir) {
    SubscriptionsConfig config = SubscriptionsConfig.fromJson(new JsonObject().put("max-subscriptions", 2),
        "https://status.example.com").withAllowPrivateUrls(true);
    SubscriptionHarness h = new SubscriptionHarness(vertx, dir, config);
    h.subscribe(HOOK);
    h.subscribe(HOOK);
    HttpResponse<Buffer> full = h.subscribe(new JsonObject().put("url", HOOK));
    assertProblem(full, 409, null);
    assertThat(full.bodyAsJsonObject().getString("detail")).contains("subscriptions.max-subscriptions");
  }

  @Test
  void unsubscribingNeedsTheTokenOrAnAdminToken(Vertx vertx, @TempDir Path dir) {
    SubscriptionHarness h = new SubscriptionHarness(vertx, dir, SubscriptionHarness.config().withRate(50, 50));
    JsonObject a = h.subscribe(HOOK);
    JsonObject b = h.subscribe(HOOK);
    String path = SubscriptionRoutes.PATH + "/" + a.getString("id");
    assertProblem(await(h.client.delete(h.port, "127.0.0.1", path).send()), 403, null);
    assertProblem(await(h.client.delete(h.port, "127.0.0.1", path + "?token=wrong").send()), 403, null);
    assertProblem(await(h.client.delete(h.port, "127.0.0.1", path).bearerTokenAuthentication("nope").send()), 403,
        null);
    String otherToken = b.getString("unsubscribe").substring(b.getString("unsubscribe").indexOf("?token="));
    assertProblem(await(h.client.delete(h.port, "127.0.0.1", path + otherToken).send()), 403, null);
    assertThat(h.subscriptions.count()).isEqualTo(2);
    assertThat(await(h.client.delete(h.port, "127.0.0.1", path).bearerTokenAuthentication(SubscriptionHarness.ADMIN)
        .send()).statusCode()).isEqualTo(204);
    assertProblem(await(h.client.delete(h.port, "127.0.0.1", path).bearerTokenAuthentication(
        SubscriptionHarness.ADMIN).send()), 404, null);
    assertThat(h.subscriptions.count()).isEqualTo(1);
  }

  @Test
  void staffListShowsDeliveryStateAndLastFailuresButNoSecrets(Vertx vertx, @TempDir Path dir) {
    SubscriptionHarness h = new SubscriptionHarness(vertx, dir, SubscriptionHarness.config());
    Receiver failing = await(new Receiver().start(vertx));
    failing.status.set(503);
    JsonObject created = h.subscribe(failing.url());
    await(h.subscriptions.incidentChanged(Incidents.incident("inc1", "Errors", h.clock.instant(), "x", "checkout")));

    assertProblem(await(h.client.get(h.port, "127.0.0.1", SubscriptionRoutes.PATH).send()), 401, null);
    HttpResponse<Buffer> r = await(h.client.get(h.port, "127.0.0.1", SubscriptionRoutes.PATH)
        .bearerTokenAuthentication(SubscriptionHarness.ADMIN).send());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.bodyAsString()).doesNotContain(created.getString("secret"))
        .doesNotContain(created.getString("unsubscribe").substring(created.getString("unsubscribe").indexOf('=') + 1));
    JsonObject sub = r.bodyAsJsonObject().getJsonArray("subscriptions").getJsonObject(0);
    assertThat(sub.getString("url")).isEqualTo(failing.url());
    JsonObject delivery = sub.getJsonObject("delivery");
    assertThat(delivery.getString("state")).isEqualTo("retrying");
    assertThat(delivery.getInteger("failedAttempts")).isEqualTo(1);
    assertThat(delivery.getString("nextAttemptAt")).isNotNull();
    JsonObject failure = delivery.getJsonArray("lastFailures").getJsonObject(0);
    assertThat(failure.getString("error")).isEqualTo("HTTP 503");
    assertThat(failure.getString("event")).startsWith("incident.inc1.");
    assertThat(failure.getInteger("attempt")).isEqualTo(1);
  }

  @Test
  void aRestartKeepsSubscriptionsTheirSecretsAndFailures(Vertx vertx, @TempDir Path dir) throws Exception {
    SubscriptionHarness h = new SubscriptionHarness(vertx, dir, SubscriptionHarness.config());
    Receiver receiver = await(new Receiver().start(vertx));
    receiver.status.set(500);
    JsonObject created = h.subscribe(receiver.url(), "checkout");
    await(h.subscriptions.incidentChanged(Incidents.incident("inc1", "Errors", h.clock.instant(), "x", "checkout")));
    await(h.subscriptions.close());
    assertThat(Files.exists(dir.resolve("subscriptions.db"))).isTrue();

    h.open(SubscriptionHarness.config());
    assertThat(h.subscriptions.count()).isEqualTo(1);
    String id = created.getString("id");
    assertThat(h.subscriptions.deliveryState(id).lastFailures()).extracting(DeliveryFailure::error)
        .containsExactly("HTTP 500");
    receiver.status.set(204);
    await(h.subscriptions.incidentChanged(Incidents.incident("inc2", "More errors", h.clock.instant(), "y",
        "checkout")));
    Receiver.Delivery d = receiver.deliveries().get(receiver.deliveries().size() - 1);
    assertThat(d.json().getJsonObject("incident").getString("id")).isEqualTo("inc2");
    assertThat(WebhookSignature.verify(created.getString("secret"), d.signature(), d.body().getBytes(),
        h.clock.instant(), WebhookSignature.DEFAULT_TOLERANCE)).as("signed with the secret given before").isTrue();
    String unsubscribe = created.getString("unsubscribe").substring("https://status.example.com".length());
    assertThat(await(h.client.delete(h.port, "127.0.0.1", unsubscribe).send()).statusCode()).isEqualTo(204);
  }

  @Test
  void configurationKeysAreCheckedByName() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> SubscriptionsConfig.fromJson(
        new JsonObject().put("max-attempt", 3), "http://localhost:8080"))
        .hasMessageContaining("subscriptions.max-attempt");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> SubscriptionsConfig.fromJson(
        new JsonObject().put("max-attempts", 0), "http://localhost:8080"))
        .hasMessageContaining("subscriptions.max-attempts");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> SubscriptionsConfig.fromJson(
        new JsonObject().put("public-url", "status.example.com"), "http://localhost:8080"))
        .hasMessageContaining("subscriptions.public-url");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> SubscriptionsConfig.fromJson(
        new JsonObject().put("allow-private-urls", "yes"), "http://localhost:8080"))
        .hasMessageContaining("subscriptions.allow-private-urls");
  }

  private static void assertProblem(HttpResponse<Buffer> r, int status, String parameter) {
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(status);
    assertThat(r.getHeader("Content-Type")).isEqualTo("application/problem+json");
    JsonObject p = r.bodyAsJsonObject();
    assertThat(p.getString("detail")).isNotBlank();
    if (parameter != null) {
      assertThat(p.getString("parameter")).isEqualTo(parameter);
    }
  }
}
