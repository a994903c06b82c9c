package io.glasshouse.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.glasshouse.rollup.time.ManualClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #2, "Tests that must exist": a remote-write client sending real snappy+protobuf round-trips counters
 * (through a reset), gauges and classic histograms into the read API of a whole in-process Glasshouse, exactly.
 */
class RemoteWriteEndToEndTest {
  static final Instant T0 = Instant.parse("2026-05-01T06:00:00Z");
  static final double[] LE = {0.1, 0.5, Double.POSITIVE_INFINITY};
  static final Map<String, String> A = Map.of("job", "api", "instance", "10.0.0.1:9100");
  static final Map<String, String> B = Map.of("job", "api", "instance", "10.0.0.2:9100");

  @TempDir
  Path data;
  InProcessServer server;
  RemoteWriter writer;

  @BeforeEach
  void start() {
    // Series first seen without a start time count whole at once: the store is new, so nothing predates it.
    server = InProcessServer.start(new ManualClock(T0), data, Map.of("new-series-grace", "0s"));
    writer = new RemoteWriter(server.client, server.port);
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
  }

  @Test
  void countersThroughAResetGaugesAndClassicHistogramsRoundTripExactly() {
    // scrape 1
    send(writer.request()
        .sample("http_requests_total", 10, ts(), with(A, "status", "200"))
        .sample("http_requests_total", 1, ts(), with(A, "status", "500"))
        .sample("http_requests_total", 7, ts(), with(B, "status", "200"))
        .sample("queue_depth", 4, ts(), A)
        .sample("queue_depth", 9, ts(), B)
        .histogram("request_duration_seconds", LE, new long[] {2, 5, 6}, 1.5, ts(), A)
        .histogram("request_duration_seconds", LE, new long[] {1, 1, 1}, 0.05, ts(), B));
    // scrape 2
    send(writer.request()
        .sample("http_requests_total", 25, ts(), with(A, "status", "200"))
        .sample("http_requests_total", 3, ts(), with(A, "status", "500"))
        .sample("http_requests_total", 9, ts(), with(B, "status", "200"))
        .sample("queue_depth", 2, ts(), A)
        .sample("queue_depth", 13, ts(), B)
        .histogram("request_duration_seconds", LE, new long[] {4, 8, 10}, 3.0, ts(), A)
        .histogram("request_duration_seconds", LE, new long[] {1, 3, 3}, 0.6, ts(), B));
    // scrape 3: instance A restarted, its counters and histogram start again from zero
    send(writer.request()
        .sample("http_requests_total", 5, ts(), with(A, "status", "200"))
        .sample("queue_depth", 6, ts(), A)
        .histogram("request_duration_seconds", LE, new long[] {1, 1, 2}, 0.9, ts(), A));
    // scrape 4, a minute later
    server.advance(Duration.ofMinutes(1));
    send(writer.request()
        .sample("http_requests_total", 12, ts(), with(A, "status", "200"))
        .sample("http_requests_total", 2, ts(), with(A, "status", "500")) // the 500s counter reset too
        .sample("queue_depth", 3, ts(), A));

    Instant at = server.now();
    ReadApi read = server.read;
    // A/200: 10 + 15 + reset 5 + 7; B/200: 7 + 2; A/500: 1 + 2 + reset 2
    assertThat(read.valuesBy("api", "http_requests_total", at, "increase", "status"))
        .containsOnly(Map.entry("200", 46.0), Map.entry("500", 5.0));
    assertThat(read.value("api", "http_requests_total", at, "increase")).isEqualTo(51.0);
    assertThat(read.value("api", "queue_depth", at, "min")).isEqualTo(2.0);
    assertThat(read.value("api", "queue_depth", at, "max")).isEqualTo(13.0);
    // histogram: A 10 then reset 2, B 3 observations
    assertThat(read.value("api", "request_duration_seconds", at, "count")).isEqualTo(15.0);
    assertThat(read.value("api", "request_duration_seconds", at, "sum")).isCloseTo(3.0 + 0.9 + 0.6, within(1e-9));
    assertThat(read.value("api", "request_duration_seconds", at, "fraction_le", "threshold", "0.1"))
        .isCloseTo((4 + 1 + 1) / 15.0, within(1e-12));
    assertThat(read.value("api", "request_duration_seconds", at, "fraction_le", "threshold", "0.5"))
        .isCloseTo((8 + 1 + 3) / 15.0, within(1e-12));
    assertThat(read.instances("api").getJsonArray("instances")).hasSize(2);
  }

  @Test
  void largeCounterValuesAndSumsStayExactThroughTheStoreAcrossARestart() throws Exception {
    long big = 10_000_000_001L;
    send(writer.request()
        .sample("bytes_sent_total", big, ts(), A)
        .histogram("request_duration_seconds", LE, new long[] {1, 2, 3}, 0.9, ts(), A));
    send(writer.request()
        .sample("bytes_sent_total", big + 122, ts(), A)
        .histogram("request_duration_seconds", LE, new long[] {2, 3, 4}, 1.3, ts(), A));

    // a graceful restart checkpoints everything into the store; reads and cumulative state then come from it
    server.restart();
    Instant at = server.now();
    assertThat(server.read.value("api", "bytes_sent_total", at, "increase")).isEqualTo((double) big + 122);
    assertThat(server.read.value("api", "request_duration_seconds", at, "sum")).isEqualTo(1.3);

    send(writer.request().sample("bytes_sent_total", big + 455, ts(), A));
    assertThat(server.read.value("api", "bytes_sent_total", server.now(), "increase")).isEqualTo((double) big + 455);
  }

  private long ts() {
    return server.clock.millis();
  }

  /** Sends, expects 204, and moves the clock on by a scrape interval. */
  private void send(RemoteWriter.Batch batch) {
    var r = Await.result(batch.send());
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(204);
    server.advance(Duration.ofSeconds(15));
  }

  private static Map<String, String> with(Map<String, String> base, String k, String v) {
    var m = new java.util.HashMap<>(base);
    m.put(k, v);
    return m;
  }
}
