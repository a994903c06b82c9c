package io.glasshouse.alerts;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** A local HTTP server that records every JSON body posted to it, optionally failing the first requests. */
final class TestReceiver implements AutoCloseable {
  final List<JsonObject> bodies = new CopyOnWriteArrayList<>();
  final List<String> paths = new CopyOnWriteArrayList<>();
  final AtomicInteger failNext = new AtomicInteger();
  final AtomicInteger requests = new AtomicInteger();
  private final HttpServer server;

  private TestReceiver(HttpServer server) {
    this.server = server;
  }

  static TestReceiver start(Vertx vertx) {
    TestReceiver[] self = new TestReceiver[1];
    HttpServer server = vertx.createHttpServer().requestHandler(req -> req.body().onSuccess(b -> {
      self[0].requests.incrementAndGet();
      if (self[0].failNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        req.response().setStatusCode(503).end();
        return;
      }
      self[0].paths.add(req.path());
      Object v = b.length() == 0 ? null : io.vertx.core.json.Json.decodeValue(b);
      self[0].bodies.add(v instanceof JsonObject o ? o : new JsonObject().put("array", v));
      req.response().setStatusCode(200).end();
    }));
    self[0] = new TestReceiver(server);
    server.listen(0, "127.0.0.1").await();
    return self[0];
  }

  String url(String path) {
    return "http://127.0.0.1:" + server.actualPort() + path;
  }

  @Override
  public void close() {
    server.close().await();
  }
}
