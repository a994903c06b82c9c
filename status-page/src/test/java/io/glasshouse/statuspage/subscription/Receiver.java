package io.glasshouse.statuspage.subscription;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** A real HTTP webhook receiver: records every POST and answers {@link #status} (0: never answers). */
final class Receiver {
  record Delivery(MultiMap headers, Buffer body) {
    String signature() {
      return headers.get(WebhookSignature.HEADER);
    }

    io.vertx.core.json.JsonObject json() {
      return body.toJsonObject();
    }
  }

  final AtomicInteger status = new AtomicInteger(204);
  private final List<Delivery> deliveries = new ArrayList<>();
  private HttpServer server;

  Future<Receiver> start(Vertx vertx) {
    return vertx.createHttpServer().requestHandler(req -> req.body().onSuccess(body -> {
      synchronized (deliveries) {
        deliveries.add(new Delivery(req.headers(), body));
      }
      int s = status.get();
      if (s != 0) {
        req.response().setStatusCode(s).end();
      }
    })).listen(0, "127.0.0.1").map(srv -> {
      server = srv;
      return this;
    });
  }

  String url() {
    return "http://127.0.0.1:" + server.actualPort() + "/hook";
  }

  List<Delivery> deliveries() {
    synchronized (deliveries) {
      return List.copyOf(deliveries);
    }
  }
}
