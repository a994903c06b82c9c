package io.glasshouse.demo;

import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * A tiny OTLP/HTTP receiver for tests: accepts {@code POST /v1/metrics}, decodes every body with the OTLP
 * protobuf classes and keeps one {@link Push} per resource. Tests wait on predicates over what arrived; the
 * waiting is completed by arrivals, never by sleeping.
 */
final class OtlpReceiver implements AutoCloseable {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  /** What one instance sent in one request. */
  record Push(int seq, Map<String, String> resource, List<Metric> metrics, String authorization) {
    String service() {
      return resource.get("service.name");
    }

    String instance() {
      return resource.get("service.instance.id");
    }

    String version() {
      return resource.get("service.version");
    }

    List<Metric> named(String name) {
      return metrics.stream().filter(m -> m.getName().equals(name)).toList();
    }
  }

  private record Waiter(Predicate<List<Push>> condition, CompletableFuture<List<Push>> future) {
  }

  private final HttpServer server;
  private final List<Push> pushes = new ArrayList<>();
  private final List<Waiter> waiters = new ArrayList<>();
  private final List<String> rejected = new ArrayList<>();

  private OtlpReceiver(HttpServer server) {
    this.server = server;
  }

  static OtlpReceiver start(Vertx vertx) throws Exception {
    OtlpReceiver[] self = new OtlpReceiver[1];
    HttpServer server = vertx.createHttpServer().requestHandler(req -> {
      if (req.method() != HttpMethod.POST || !req.path().equals("/v1/metrics")) {
        req.response().setStatusCode(404).end();
        return;
      }
      String authorization = req.getHeader("Authorization");
      req.body().onSuccess(body -> {
        try {
          ExportMetricsServiceRequest request = ExportMetricsServiceRequest.parseFrom(body.getBytes());
          self[0].add(request, authorization);
          req.response().putHeader("Content-Type", "application/x-protobuf")
              .end(Buffer.buffer(ExportMetricsServiceResponse.getDefaultInstance().toByteArray()));
        } catch (Exception e) {
          self[0].reject(e.toString());
          req.response().setStatusCode(400).end();
        }
      });
    });
    self[0] = new OtlpReceiver(server);
    server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    return self[0];
  }

  URI url() {
    return URI.create("http://127.0.0.1:" + server.actualPort() + "/v1/metrics");
  }

  private synchronized void add(ExportMetricsServiceRequest request, String authorization) {
    for (ResourceMetrics rm : request.getResourceMetricsList()) {
      List<Metric> metrics = new ArrayList<>();
      for (ScopeMetrics sm : rm.getScopeMetricsList()) {
        metrics.addAll(sm.getMetricsList());
      }
      pushes.add(new Push(pushes.size(), attributes(rm.getResource().getAttributesList()), List.copyOf(metrics),
          authorization));
    }
    List<Push> snapshot = List.copyOf(pushes);
    for (Iterator<Waiter> it = waiters.iterator(); it.hasNext(); ) {
      Waiter w = it.next();
      if (w.condition().test(snapshot)) {
        w.future().complete(snapshot);
        it.remove();
      }
    }
  }

  private synchronized void reject(String why) {
    rejected.add(why);
  }

  synchronized List<String> rejected() {
    return List.copyOf(rejected);
  }

  synchronized List<Push> pushes() {
    return List.copyOf(pushes);
  }

  synchronized int size() {
    return pushes.size();
  }

  /** Waits until what arrived satisfies {@code condition}; returns everything that arrived by then. */
  List<Push> await(String what, Predicate<List<Push>> condition) throws Exception {
    CompletableFuture<List<Push>> f = new CompletableFuture<>();
    synchronized (this) {
      List<Push> snapshot = List.copyOf(pushes);
      if (condition.test(snapshot)) {
        return snapshot;
      }
      waiters.add(new Waiter(condition, f));
    }
    try {
      return f.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      Map<String, Long> perInstance = pushes().stream()
          .collect(Collectors.groupingBy(Push::instance, Collectors.counting()));
      throw new AssertionError("timed out waiting for " + what + "; pushes per instance: " + perInstance
          + "; rejected: " + rejected());
    }
  }

  static Map<String, String> attributes(List<KeyValue> kvs) {
    Map<String, String> m = new HashMap<>();
    for (KeyValue kv : kvs) {
      m.put(kv.getKey(), kv.getValue().getStringValue());
    }
    return m;
  }

  @Override
  public void close() {
    try {
      server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      throw new IllegalStateException("receiver did not close: " + e, e);
    }
  }
}
