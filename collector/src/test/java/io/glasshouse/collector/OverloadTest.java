package io.glasshouse.collector;

import static io.glasshouse.collector.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.glasshouse.collector.http.LoadShedder;
import io.glasshouse.rollup.ingest.IngestResult;
import io.glasshouse.rollup.time.ManualClock;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Overload is shed early, by queued samples and by how long the oldest batch has waited on the engine; the
 * decision reads the injected clock only, so it is tested by moving a manual clock, not by timing.
 */
@ExtendWith(VertxExtension.class)
class OverloadTest {
  CollectorServer server;
  final List<Promise<IngestResult>> pending = new CopyOnWriteArrayList<>();

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private void start(Vertx vertx, JsonObject config) {
    server = CollectorServer.start(vertx, CollectorConfig.fromJson(config));
    server.sink.answerWith(samples -> {
      Promise<IngestResult> p = Promise.promise();
      pending.add(p);
      return p.future();
    });
  }

  private static String body(int samples) {
    StringBuilder sb = new StringBuilder("{\"service\":\"a\",\"samples\":[");
    for (int i = 0; i < samples; i++) {
      sb.append(i == 0 ? "" : ",").append("{\"metric\":\"m").append(i).append("\",\"type\":\"gauge\",\"value\":1}");
    }
    return sb.append("]}").toString();
  }

  private Future<HttpResponse<Buffer>> post(int samples) {
    return server.post("/api/v1/ingest").putHeader("Content-Type", "application/json")
        .sendBuffer(Buffer.buffer(body(samples)));
  }

  @Test
  void whenTheOldestBatchHasWaitedPastMaxQueueDelayNewRequestsGet503WithRetryAfter(Vertx vertx) {
    start(vertx, new JsonObject().put("max-queue-delay", "5s"));
    Future<HttpResponse<Buffer>> first = post(1);
    server.sink.awaitCalls(1);
    server.clock.add(Duration.ofSeconds(4));
    Future<HttpResponse<Buffer>> second = post(1);
    server.sink.awaitCalls(2);

    server.clock.add(Duration.ofSeconds(3));
    HttpResponse<Buffer> third = CollectorServer.await(post(1));

    JsonObject p = assertProblem(third, 503);
    assertThat(p.getString("detail")).contains("collector.max-queue-delay");
    assertThat(third.getHeader("Retry-After")).isEqualTo("7");
    assertThat(server.counter(CollectorMetrics.REFUSED, "reason", "queue_delay")).isEqualTo(1);
    pending.forEach(pr -> pr.complete(IngestResult.all(1)));
    assertThat(CollectorServer.await(first).statusCode()).isEqualTo(200);
    assertThat(CollectorServer.await(second).statusCode()).isEqualTo(200);
    server.sink.answer(s -> IngestResult.all(s.size()));
    assertThat(CollectorServer.await(post(1)).statusCode()).isEqualTo(200);
  }

  @Test
  void aBatchThatWouldPassMaxQueuedSamplesGets503AndNothingReachesTheEngine(Vertx vertx) {
    start(vertx, new JsonObject().put("max-queued-samples", 5));
    Future<HttpResponse<Buffer>> first = post(3);
    server.sink.awaitCalls(1);

    HttpResponse<Buffer> second = CollectorServer.await(post(3));

    JsonObject p = assertProblem(second, 503);
    assertThat(p.getString("detail")).contains("collector.max-queued-samples (5)");
    assertThat(second.getHeader("Retry-After")).isEqualTo("1");
    assertThat(server.counter(CollectorMetrics.REJECTED, "reason", "overloaded")).isEqualTo(3);
    Future<HttpResponse<Buffer>> fits = post(2);
    server.sink.awaitCalls(2);
    pending.forEach(pr -> pr.complete(IngestResult.all(1)));
    assertThat(CollectorServer.await(first).statusCode()).isEqualTo(200);
    assertThat(CollectorServer.await(fits).statusCode()).isEqualTo(200);
  }

  @Test
  void shedderDecidesOnQueuedSamplesAndTheOldestWaitOnly() {
    ManualClock clock = new ManualClock(CollectorServer.NOW);
    LoadShedder shedder = new LoadShedder(10, Duration.ofSeconds(5), clock);

    assertThat(shedder.check(1_000)).as("alone, any batch gets a try").isNull();
    LoadShedder.Ticket a = shedder.start(6);
    assertThat(shedder.check(4)).isNull();
    assertThat(shedder.check(5).reason()).isEqualTo("queue_full");
    clock.add(Duration.ofSeconds(5));
    assertThat(shedder.check(0)).isNull();
    clock.add(Duration.ofMillis(1));
    assertThat(shedder.check(0).reason()).isEqualTo("queue_delay");
    a.done();
    a.done();
    assertThat(shedder.queuedSamples()).isZero();
    assertThat(shedder.check(0)).isNull();
  }

  /**
   * Issue #6: with the fixed sample count (250,000) a slow engine let accepted batches wait far past
   * max-queue-delay (46 s at 2x overload). A writer that commits 2,000 samples/s, offered 10,000 samples/s:
   * new batches are shed with 503 + Retry-After once their estimated wait passes 5 s, and no accepted batch is
   * answered later than 5 s after it was accepted (by the manual clock).
   */
  @Test
  void acceptedBatchesNeverWaitLongerThanTheQueueDelayWhenTheWriterDrainsSlowly() {
    ManualClock clock = new ManualClock(CollectorServer.NOW);
    LoadShedder shedder = new LoadShedder(250_000, Duration.ofSeconds(5), clock);
    java.util.ArrayDeque<long[]> queue = new java.util.ArrayDeque<>(); // {startedMs, finishesMs}
    java.util.ArrayDeque<LoadShedder.Ticket> tickets = new java.util.ArrayDeque<>();
    long start = clock.millis();
    long writerFree = start;
    long worstWait = 0;
    int accepted = 0;
    int shed = 0;
    for (long t = start; t < start + 60_000; t += 10) { // a batch of 100 samples every 10 ms, for 60 s
      while (!queue.isEmpty() && queue.peek()[1] <= t) { // the writer commits 2 samples/ms, in order
        long[] b = queue.poll();
        clock.set(java.time.Instant.ofEpochMilli(b[1]));
        worstWait = Math.max(worstWait, b[1] - b[0]);
        tickets.poll().done();
      }
      clock.set(java.time.Instant.ofEpochMilli(t));
      var problem = shedder.check(100);
      if (problem == null) {
        tickets.add(shedder.start(100));
        writerFree = Math.max(writerFree, t) + 50;
        queue.add(new long[] {t, writerFree});
        accepted++;
      } else {
        shed++;
        assertThat(problem.reason()).isEqualTo("queue_delay");
        assertThat(problem.retryAfter()).isPositive();
      }
    }
    assertThat(worstWait).as("longest wait of an accepted batch (ms)").isLessThanOrEqualTo(5_000);
    assertThat(shed).isPositive();
    assertThat(accepted).as("the writer's throughput is still used").isGreaterThan(1_100);
  }
}
