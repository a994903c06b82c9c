package io.glasshouse.statuspage.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.glasshouse.rollup.access.AccessTokens;
import io.glasshouse.rollup.access.Scope;
import io.glasshouse.rollup.status.StatusConfig;
import io.glasshouse.rollup.status.StatusEvaluator;
import io.glasshouse.rollup.status.StatusInputs;
import io.glasshouse.rollup.store.sqlite.SqliteStatusStore;
import io.glasshouse.rollup.time.ManualClock;
import io.glasshouse.statuspage.incident.ComponentDirectory;
import io.glasshouse.statuspage.incident.ComponentHolds;
import io.glasshouse.statuspage.incident.IncidentAutomation;
import io.glasshouse.statuspage.incident.IncidentBook;
import io.glasshouse.statuspage.incident.IncidentsConfig;
import io.glasshouse.statuspage.incident.SqliteIncidentStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * The incidents parts as the server wires them, on real SQLite files in {@code dir}: a status evaluator whose
 * inputs go through {@link ComponentHolds}, the {@link IncidentBook} on {@code incidents.db}, the automation, and
 * the component status and incidents APIs on a real HTTP server. {@link #restart()} closes and reopens it all.
 */
final class IncidentFixture {
  static final String ADMIN = "admin-token-s3cret-0123456789";
  static final String READER = "reader-token-s3cret-0123456789";

  final Vertx vertx;
  final Path dir;
  final ManualClock clock = new ManualClock(ReadApiFixture.NOW);
  final AtomicReference<StatusInputs> inputs = new AtomicReference<>(StatusFixture.live(3, 2, 1));
  private final IncidentsConfig config;
  private final AccessTokens access;
  SqliteStatusStore statusStore;
  StatusEvaluator evaluator;
  SqliteIncidentStore store;
  IncidentBook book;
  IncidentAutomation automation;
  private HttpServer server;
  int port;
  final WebClient client;

  IncidentFixture(Vertx vertx, Path dir, IncidentsConfig config) {
    this(vertx, dir, config, AccessTokens.of(List.of(
        AccessTokens.named("staff", Set.of(ADMIN), Set.of(Scope.READ, Scope.ADMIN)).get(0),
        AccessTokens.named("reader", Set.of(READER), Set.of(Scope.READ)).get(0)), Set.of()));
  }

  IncidentFixture(Vertx vertx, Path dir, IncidentsConfig config, AccessTokens access) {
    this.vertx = vertx;
    this.dir = dir;
    this.config = config;
    this.access = access;
    this.client = WebClient.create(vertx);
    start();
  }

  private void start() {
    statusStore = SqliteStatusStore.create(vertx, dir);
    await(statusStore.open());
    store = SqliteIncidentStore.open(dir);
    book = await(IncidentBook.open(vertx, store, clock));
    ComponentHolds holds = new ComponentHolds(book);
    evaluator = await(StatusEvaluator.start(vertx, StatusConfig.defaults(StatusFixture.COMPONENTS),
        () -> StatusFixture.COMPONENTS, holds.inputs(() -> Future.succeededFuture(inputs.get())), statusStore,
        statusStore, clock, false));
    book.components(ComponentDirectory.of(evaluator));
    holds.attach(evaluator);
    book.onApply(i -> holds.sync());
    await(holds.sync());
    automation = new IncidentAutomation(vertx, book, evaluator, config);
    Router router = Router.router(vertx);
    ComponentsApi.mount(router, evaluator, ScopeCheck.admin(access), clock);
    IncidentsApi.mount(router, book, ScopeCheck.admin(access));
    server = await(vertx.createHttpServer().requestHandler(router).listen(0));
    port = server.actualPort();
  }

  void stop() {
    automation.stop();
    await(server.close());
    await(evaluator.close());
    await(statusStore.close());
    store.close();
  }

  void restart() {
    stop();
    start();
  }

  /** Moves the clock and evaluates component status once. */
  void advance(Duration d) {
    clock.add(d);
    await(evaluator.evaluate());
  }

  HttpResponse<Buffer> send(HttpMethod method, String path, String token, JsonObject body) {
    HttpRequest<Buffer> r = client.request(method, port, "localhost", path);
    if (token != null) {
      r.bearerTokenAuthentication(token);
    }
    return await(body == null ? r.send() : r.sendJsonObject(body));
  }

  /** An admin request that must answer {@code status}; its JSON body (or null). */
  JsonObject ok(HttpMethod method, String path, JsonObject body, int status) {
    HttpResponse<Buffer> r = send(method, path, ADMIN, body);
    assertThat(r.statusCode()).as(method + " " + path + ": " + r.bodyAsString()).isEqualTo(status);
    return r.body() == null || r.body().length() == 0 ? null : r.bodyAsJsonObject();
  }

  JsonObject get(String path) {
    return ok(HttpMethod.GET, path, null, 200);
  }

  String componentStatus(String id) {
    return get("/api/v1/components/" + id).getString("status");
  }

  static <T> T await(Future<T> f) {
    try {
      return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  /** Polls until {@code condition} holds (at most 30 s). */
  static void until(String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
    }
  }
}
