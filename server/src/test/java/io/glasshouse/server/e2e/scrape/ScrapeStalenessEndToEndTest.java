package io.glasshouse.server.e2e.scrape;

import static org.assertj.core.api.Assertions.assertThat;

import io.glasshouse.rollup.time.ManualClock;
import io.glasshouse.server.Glasshouse;
import io.glasshouse.server.config.GlasshouseConfig;
import io.glasshouse.server.e2e.Await;
import io.glasshouse.server.e2e.InProcessServer;
import io.glasshouse.server.e2e.ReadApi;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #7, staleness on target loss, through a whole Glasshouse (real engine and store, manual clock): a
 * self-registered instance scraped by Glasshouse leaves (deregisters), which makes it not live at once while its
 * counter baseline stays; it comes back after a restart (counter from zero) and its counter is counted exactly,
 * never twice. A target whose scrape fails is down at once and, when it answers again, continues without a double
 * count.
 */
class ScrapeStalenessEndToEndTest {
  static final Instant T0 = Instant.parse("2026-11-29T10:00:05Z");

  @TempDir
  Path data;
  final ManualClock clock = new ManualClock(T0);
  final Vertx vertx = Vertx.vertx();
  final WebClient client = WebClient.create(vertx);
  final AtomicInteger jobs = new AtomicInteger();
  final AtomicReference<Integer> failWith = new AtomicReference<>();
  Glasshouse glasshouse;
  HttpServer exporter;
  ReadApi read;
  int port;

  @AfterEach
  void stop() throws Exception {
    if (glasshouse != null) {
      glasshouse.stop(Duration.ofSeconds(30));
    }
    client.close();
    Await.result(vertx.close());
  }

  void start() {
    exporter = Await.result(vertx.createHttpServer().requestHandler(req -> {
      Integer status = failWith.get();
      if (status != null) {
        req.response().setStatusCode(status).end();
      } else {
        req.response().end("# TYPE jobs_total counter\njobs_total " + jobs.get() + "\n");
      }
    }).listen(0, "127.0.0.1"));
    port = InProcessServer.freePort();
    GlasshouseConfig c = GlasshouseConfig.load(null, Map.of());
    c.override("server", "port", port);
    c.override("server", "host", "127.0.0.1");
    c.override("server", "data", data.toString());
    c.override("server", "event-loops", 2);
    c.override("server", "open-read", true); // the read API answers the checks without a token
    c.override("rollup", "new-series-grace", "0s");
    c.override("scrape", "scrape_configs", new JsonArray().add(new JsonObject().put("job_name", "workers")
        .put("scrape_interval", "1h")));
    glasshouse = Await.result(Glasshouse.start(c, false, clock));
    read = new ReadApi(client, port);
  }

  String target() {
    return "http://127.0.0.1:" + port + "/api/v1/scrape/targets/workers/w-1";
  }

  int targetCount() {
    JsonObject t = Await.result(client.getAbs("http://127.0.0.1:" + port + "/api/v1/scrape/targets").send())
        .bodyAsJsonObject();
    return t.getJsonObject("jobs").getJsonArray("workers").size();
  }

  void register() {
    assertThat(Await.result(client.putAbs(target()).sendJsonObject(new JsonObject()
        .put("address", "127.0.0.1:" + exporter.actualPort()).put("ttl", "10m"))).statusCode()).isEqualTo(200);
    Await.until("the registered target to be scraped", () -> targetCount() == 1, Duration.ofSeconds(10));
  }

  void scrapeAt(int value) {
    jobs.set(value);
    Await.result(glasshouse.scrape().scrapeAllNow());
  }

  Boolean live() {
    for (Object o : read.instances("workers").getJsonArray("instances")) {
      JsonObject i = (JsonObject) o;
      if (i.getString("instance").equals("w-1")) {
        return i.getBoolean("live");
      }
    }
    return null;
  }

  double total() {
    Double v = read.value("workers", "jobs_total", clock.instant(), "increase");
    return v == null ? 0 : v;
  }

  @Test
  void aTargetThatLeavesIsNotLiveAndCountsExactlyWhenItReturnsAfterARestart() {
    start();
    register();
    scrapeAt(10);
    clock.add(Duration.ofSeconds(20));
    scrapeAt(15);
    assertThat(live()).isTrue();
    assertThat(total()).isEqualTo(15);

    assertThat(Await.result(client.deleteAbs(target()).send()).statusCode()).isEqualTo(204);
    Await.until("the instance to be down once its target left", () -> Boolean.FALSE.equals(live()),
        Duration.ofSeconds(10));
    assertThat(total()).as("leaving changes no count").isEqualTo(15);

    clock.add(Duration.ofSeconds(70)); // the process restarts: its counter starts from zero
    register();
    scrapeAt(3);
    assertThat(live()).isTrue();
    clock.add(Duration.ofSeconds(20));
    scrapeAt(7);
    assertThat(total()).as("10 + 5, then 3 after the reset + 4").isEqualTo(22);
  }

  @Test
  void aFailingTargetIsDownAtOnceAndContinuesWithoutADoubleCount() {
    start();
    register();
    scrapeAt(10);
    assertThat(live()).isTrue();
    failWith.set(503);
    clock.add(Duration.ofSeconds(20));
    scrapeAt(12);
    assertThat(live()).as("up 0 ends liveness").isFalse();
    failWith.set(null);
    clock.add(Duration.ofSeconds(20));
    scrapeAt(14);
    assertThat(live()).isTrue();
    assertThat(total()).as("10 + 4: the reading missed while down counts once").isEqualTo(14);
  }
}
