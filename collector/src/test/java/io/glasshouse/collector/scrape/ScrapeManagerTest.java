package io.glasshouse.collector.scrape;

import static org.assertj.core.api.Assertions.assertThat;

import io.glasshouse.collector.CollectorConfig;
import io.glasshouse.rollup.ingest.IngestResult;
import io.glasshouse.rollup.ingest.SampleSink;
import io.glasshouse.rollup.sample.Protocol;
import io.glasshouse.rollup.sample.Sample;
import io.glasshouse.rollup.time.ManualClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scrape manager over real HTTP: targets from static config, file SD (re-read on change; a bad file keeps the
 * previous targets), HTTP SD, and self-registration with a TTL; a target that leaves gets a last {@code up 0}; slow
 * and oversized targets are {@code up 0} with their series untouched. Scrapes are driven by the test
 * ({@link ScrapeManager#scrapeAllNow()}), time by a manual clock. The engine's side is a recording sink.
 */
@ExtendWith(VertxExtension.class)
class ScrapeManagerTest {
  static final String TOKEN = "s3cret";

  @TempDir
  Path dir;
  Vertx vertx;
  final ManualClock clock = new ManualClock(Instant.parse("2026-11-29T12:00:00Z"));
  final List<Sample> received = new CopyOnWriteArrayList<>();
  final SampleSink sink = (Protocol p, List<Sample> samples, boolean atomic) -> {
    received.addAll(samples);
    return Future.succeededFuture(IngestResult.all(samples.size()));
  };
  final AtomicReference<String> exporterBody = new AtomicReference<>("jobs_total 1\n");
  HttpServer exporter;
  int exporterPort;
  ScrapeManager manager;
  HttpServer api;
  WebClient client;

  @BeforeEach
  void startExporter(Vertx vertx) throws Exception {
    this.vertx = vertx;
    Router r = Router.router(vertx);
    r.get("/metrics").handler(ctx -> ctx.response().end(exporterBody.get()));
    r.get("/slow").handler(ctx -> { /* never answers */ });
    r.get("/big").handler(ctx -> ctx.response().end("x".repeat(4096) + " 1\n"));
    r.get("/sd").handler(ctx -> ctx.response().putHeader("Content-Type", "application/json")
        .end(new JsonArray().add(new JsonObject().put("targets", new JsonArray().add("127.0.0.1:" + exporterPort))
            .put("labels", new JsonObject().put("zone", "z1"))).encode()));
    exporter = await(vertx.createHttpServer().requestHandler(r).listen(0, "127.0.0.1"));
    exporterPort = exporter.actualPort();
    client = WebClient.create(vertx);
  }

  @AfterEach
  void stop() {
    if (manager != null && manager.deploymentID() != null) {
      await(vertx.undeploy(manager.deploymentID()));
    }
    client.close();
  }

  void start(String yaml) {
    ScrapeSettings settings = ScrapeSettingsTest.parse(yaml);
    CollectorConfig collector = CollectorConfig.fromJson(new JsonObject().put("ingest-tokens", new JsonArray()
        .add(TOKEN)).put("past-window", "1000d"));
    manager = new ScrapeManager(settings, collector, sink, new SimpleMeterRegistry(), clock);
    await(vertx.deployVerticle(manager));
    Router r = Router.router(vertx);
    ScrapeRoutes.mount(r, manager, io.glasshouse.rollup.access.AccessTokens.of(io.glasshouse.rollup.access.AccessTokens.named(
        "ingest", java.util.Set.of(TOKEN), java.util.Set.of(io.glasshouse.rollup.access.Scope.INGEST)), java.util.Set.of()));
    api = await(vertx.createHttpServer().requestHandler(r).listen(0, "127.0.0.1"));
  }

  JsonArray targets(String job) {
    return await(manager.targets()).getJsonObject("jobs").getJsonArray(job);
  }

  List<Sample> scrape() {
    received.clear();
    await(manager.scrapeAllNow());
    return List.copyOf(received);
  }

  static double value(List<Sample> samples, String metric, String instance) {
    return samples.stream().filter(s -> s.metric().equals(metric) && instance.equals(s.instance())).findFirst()
        .orElseThrow(() -> new AssertionError(metric + " of " + instance + " not in " + samples)).value();
  }

  String self() {
    return "127.0.0.1:" + exporterPort;
  }

  @Test
  void fileSdIsReReadOnChangeAndABadFileKeepsThePreviousTargets() throws Exception {
    Path json = dir.resolve("a.json");
    Path yaml = dir.resolve("b.yml");
    Files.writeString(json, "[{\"targets\": [\"" + self() + "\"], \"labels\": {\"env\": \"prod\"}}]");
    start("""
        scrape_configs:
          - job_name: api
            scrape_interval: 1h
            file_sd_configs: [{files: ['%s/*.json', '%s'], refresh_interval: 1h}]
        """.formatted(dir, yaml));
    assertThat(targets("api")).hasSize(1);
    List<Sample> s = scrape();
    assertThat(value(s, "jobs_total", self())).isEqualTo(1);
    assertThat(s.stream().filter(x -> x.metric().equals("jobs_total")).findFirst().orElseThrow().labels().get("env"))
        .isEqualTo("prod");

    Files.writeString(yaml, "- targets: ['localhost:" + exporterPort + "']\n  labels: {env: dev}\n");
    await(manager.refreshDiscoveryNow());
    assertThat(targets("api")).hasSize(2);

    Files.writeString(json, "[{\"targets\": [\"" + self() + "\"], \"labels\": {\"env\": "); // half written
    await(manager.refreshDiscoveryNow());
    assertThat(targets("api")).as("the bad file's previous targets are kept").hasSize(2);

    Files.delete(yaml);
    await(manager.refreshDiscoveryNow());
    assertThat(targets("api")).hasSize(1);
  }

  @Test
  void httpSdTargetsAreFetchedWithTheirLabels() {
    start("""
        scrape_configs:
          - job_name: api
            scrape_interval: 1h
            http_sd_configs: [{url: 'http://127.0.0.1:%d/sd', refresh_interval: 1h}]
            relabel_configs:
              - {source_labels: [__meta_url], regex: '.*/(sd)', target_label: found_by}
        """.formatted(exporterPort));
    JsonArray t = targets("api");
    assertThat(t).hasSize(1);
    assertThat(t.getJsonObject(0).getJsonObject("labels").getMap())
        .isEqualTo(Map.of("job", "api", "instance", self(), "zone", "z1", "found_by", "sd"));
  }

  @Test
  void selfRegisteredTargetsAreScrapedUntilTheirTtlPassesOrTheyLeave() {
    start("scrape_configs: [{job_name: workers, scrape_interval: 1h}]");
    String base = "http://127.0.0.1:" + api.actualPort() + ScrapeRoutes.PATH;
    HttpResponse<?> noToken = await(client.putAbs(base + "/workers/w-1").sendJsonObject(new JsonObject()));
    assertThat(noToken.statusCode()).isEqualTo(401);
    HttpResponse<?> unknown = await(client.putAbs(base + "/nope/w-1").bearerTokenAuthentication(TOKEN)
        .sendJsonObject(new JsonObject()));
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(unknown.bodyAsString()).contains("workers");
    HttpResponse<?> badTtl = await(client.putAbs(base + "/workers/w-1").bearerTokenAuthentication(TOKEN)
        .sendJsonObject(new JsonObject().put("ttl", "2d")));
    assertThat(badTtl.statusCode()).isEqualTo(400);
    assertThat(badTtl.getHeader("Content-Type")).isEqualTo("application/problem+json");
    assertThat(badTtl.bodyAsJsonObject().getString("detail")).contains("registration-max-ttl");

    HttpResponse<?> ok = await(client.putAbs(base + "/workers/w-1").bearerTokenAuthentication(TOKEN)
        .sendJsonObject(new JsonObject().put("address", self()).put("ttl", "30s")
            .put("labels", new JsonObject().put("pool", "blue"))));
    assertThat(ok.statusCode()).isEqualTo(200);
    awaitTargets("workers", 1);
    List<Sample> s = scrape();
    assertThat(value(s, "jobs_total", "w-1")).isEqualTo(1);
    assertThat(value(s, "up", "w-1")).isEqualTo(1);

    clock.add(Duration.ofSeconds(20)); // renewed in time
    await(client.putAbs(base + "/workers/w-1").bearerTokenAuthentication(TOKEN)
        .sendJsonObject(new JsonObject().put("address", self()).put("ttl", "30s")));
    clock.add(Duration.ofSeconds(20));
    await(manager.refreshDiscoveryNow());
    assertThat(targets("workers")).hasSize(1);

    received.clear();
    clock.add(Duration.ofSeconds(11)); // silent past its TTL
    await(manager.refreshDiscoveryNow());
    assertThat(targets("workers")).isEmpty();
    awaitReceived("up");
    assertThat(value(received, "up", "w-1")).as("a target that leaves gets a last up 0").isZero();

    await(client.putAbs(base + "/workers/w-2").bearerTokenAuthentication(TOKEN).sendJsonObject(
        new JsonObject().put("address", self())));
    awaitTargets("workers", 1);
    assertThat(await(client.deleteAbs(base + "/workers/w-2").bearerTokenAuthentication(TOKEN).send()).statusCode())
        .isEqualTo(204);
    awaitTargets("workers", 0);
  }

  @Test
  void slowTargetsAndOversizedBodiesAreUpZeroAndChangeNothingElse() {
    start("""
        scrape_configs:
          - job_name: slow
            scrape_interval: 1h
            scrape_timeout: 300ms
            metrics_path: /slow
            static_configs: [{targets: ['%1$s']}]
          - job_name: big
            scrape_interval: 1h
            metrics_path: /big
            body_size_limit: 1KB
            static_configs: [{targets: ['%1$s']}]
          - job_name: fine
            scrape_interval: 1h
            static_configs: [{targets: ['%1$s']}]
        """.formatted(self()));
    List<Sample> s = scrape();
    assertThat(s.stream().filter(x -> x.metric().equals("up")).map(x -> x.service() + "=" + (int) x.value()))
        .containsExactlyInAnyOrder("slow=0", "big=0", "fine=1");
    assertThat(s.stream().filter(x -> !x.metric().equals("up") && !x.metric().startsWith("scrape_"))
        .map(Sample::service)).containsOnly("fine");
    JsonArray slow = targets("slow");
    assertThat(slow.getJsonObject(0).getString("lastError")).contains("timed out");
    assertThat(targets("big").getJsonObject(0).getString("lastError")).contains("body_size_limit");
  }

  void awaitTargets(String job, int n) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (targets(job).size() != n) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("expected " + n + " targets of " + job + ", got " + targets(job));
      }
      await(manager.refreshDiscoveryNow());
    }
  }

  void awaitReceived(String metric) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (received.stream().noneMatch(s -> s.metric().equals(metric))) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(metric + " not received");
      }
      await(manager.targets());
    }
  }

  static <T> T await(Future<T> f) {
    try {
      return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
