package io.glasshouse.collector;

import static io.glasshouse.collector.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.glasshouse.rollup.ingest.IngestResult;
import io.glasshouse.rollup.time.ManualClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.net.ServerSocket;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue #6: the ingest limits hold for the server, not per event loop. Two verticle instances (two event loops,
 * one router each, one shared port) mount the routes of one {@link CollectorRoutes#forServer}; a request that a
 * second event loop admits is measured against what the first one already holds. Per-router limits used to
 * let each event loop take the whole bound.
 */
class ServerWideLimitsTest {
  final Vertx vertx = Vertx.vertx();
  final ManualClock clock = new ManualClock(CollectorServer.NOW);
  final RecordingSink sink = new RecordingSink();
  final List<Promise<IngestResult>> pending = new CopyOnWriteArrayList<>();
  /** The event-loop threads that routed each request. */
  final Set<String> loops = ConcurrentHashMap.newKeySet();
  WebClient client;

  @AfterEach
  void stop() {
    if (client != null) {
      client.close();
    }
    CollectorServer.await(vertx.close());
  }

  /** One router per instance, all mounting the same server-wide collector. */
  static final class IngestVerticle extends VerticleBase {
    private final CollectorRoutes.ServerWide ingest;
    private final CollectorConfig config;
    private final int port;
    private final Set<String> loops;

    IngestVerticle(CollectorRoutes.ServerWide ingest, CollectorConfig config, int port, Set<String> loops) {
      this.ingest = ingest;
      this.config = config;
      this.port = port;
      this.loops = loops;
    }

    @Override
    public Future<?> start() {
      Router router = Router.router(vertx);
      router.route().handler(ctx -> {
        loops.add(Thread.currentThread().getName());
        ctx.next();
      });
      ingest.mount(router);
      return vertx.createHttpServer(CollectorRoutes.serverOptions(new HttpServerOptions(), config))
          .requestHandler(router).listen(port, "127.0.0.1");
    }
  }

  private int startTwoEventLoops(JsonObject json) throws Exception {
    CollectorConfig config = CollectorConfig.fromJson(json);
    CollectorRoutes.ServerWide ingest = CollectorRoutes.forServer(sink, config, new SimpleMeterRegistry(), clock);
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    CollectorServer.await(vertx.deployVerticle(() -> new IngestVerticle(ingest, config, port, loops),
        new DeploymentOptions().setInstances(2)));
    sink.answerWith(samples -> {
      Promise<IngestResult> p = Promise.promise();
      pending.add(p);
      return p.future();
    });
    client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port));
    return port;
  }

  private Future<HttpResponse<Buffer>> post(int samples) {
    StringBuilder sb = new StringBuilder("{\"service\":\"a\",\"samples\":[");
    for (int i = 0; i < samples; i++) {
      sb.append(i == 0 ? "" : ",").append("{\"metric\":\"m").append(i).append("\",\"type\":\"gauge\",\"value\":1}");
    }
    return client.post("/api/v1/ingest").putHeader("Content-Type", "application/json")
        .sendBuffer(Buffer.buffer(sb.append("]}").toString()));
  }

  @Test
  void maxInFlightRequestsHoldsAcrossEventLoops() throws Exception {
    startTwoEventLoops(new JsonObject().put("max-in-flight-requests", 1));
    Future<HttpResponse<Buffer>> first = post(1);
    sink.awaitCalls(1);

    HttpResponse<Buffer> second = CollectorServer.await(post(1)); // a second connection: the other event loop

    assertThat(loops).as("the two requests were routed by two event loops").hasSize(2);
    assertThat(assertProblem(second, 503).getString("detail")).contains("collector.max-in-flight-requests");
    pending.forEach(p -> p.complete(IngestResult.all(1)));
    assertThat(CollectorServer.await(first).statusCode()).isEqualTo(200);
  }

  @Test
  void maxQueuedSamplesHoldsAcrossEventLoops() throws Exception {
    startTwoEventLoops(new JsonObject().put("max-queued-samples", 5));
    Future<HttpResponse<Buffer>> first = post(3);
    sink.awaitCalls(1);

    HttpResponse<Buffer> second = CollectorServer.await(post(3));

    assertThat(loops).as("the two requests were routed by two event loops").hasSize(2);
    assertThat(assertProblem(second, 503).getString("detail")).contains("collector.max-queued-samples (5)");
    pending.forEach(p -> p.complete(IngestResult.all(3)));
    assertThat(CollectorServer.await(first).statusCode()).isEqualTo(200);
  }
}
