package io.glasshouse.collector;

import io.glasshouse.rollup.time.ManualClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/** A real Vert.x HTTP server with the collector routes, a recording sink and a manual clock, for tests. */
final class CollectorServer {
  static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");

  final ManualClock clock = new ManualClock(NOW);
  final RecordingSink sink = new RecordingSink();
  final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  final WebClient client;
  final int port;
  final CollectorRoutes.Mounted mounted;
  private final HttpServer server;

  private CollectorServer(Vertx vertx, CollectorConfig config) {
    Router router = Router.router(vertx);
    mounted = CollectorRoutes.mount(router, sink, config, registry, clock);
    server = await(vertx.createHttpServer(CollectorRoutes.serverOptions(new HttpServerOptions(), config))
        .invalidRequestHandler(CollectorRoutes.invalidRequestHandler())
        .requestHandler(router).listen(0, "127.0.0.1"));
    port = server.actualPort();
    client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port));
  }

  static CollectorServer start(Vertx vertx, CollectorConfig config) {
    return new CollectorServer(vertx, config);
  }

  String url(String path) {
    return "http://127.0.0.1:" + port + path;
  }

  HttpRequest<Buffer> post(String path) {
    return client.post(path);
  }

  HttpResponse<Buffer> send(HttpRequest<Buffer> request, byte[] body) {
    return await(request.sendBuffer(Buffer.buffer(body)));
  }

  void close() {
    client.close();
    await(server.close());
  }

  /** Waits for a future from a test thread (never an event loop). */
  static <T> T await(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("future did not complete: " + e, e);
    }
  }

  double counter(String name, String... tags) {
    var c = registry.find(name).tags(tags).counter();
    return c == null ? 0 : c.count();
  }
}
