package io.glasshouse.bench.jmh;

import io.glasshouse.bench.loadgen.Mix;
import io.glasshouse.bench.loadgen.Payloads;
import io.glasshouse.bench.loadgen.Template;
import io.glasshouse.bench.loadgen.Workload;
import io.glasshouse.collector.otlp.OtlpDecoder;
import io.glasshouse.collector.validate.DecodedBatch;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Decoding one Micrometer-shaped OTLP request of one instance: 1,000 points (resource with
 * {@code service.name}, {@code service.instance.id}, {@code telemetry.sdk.name}; one metric per meter name; points with
 * {@code method, status, uri}; counters as cumulative monotonic sums, gauges, timers as explicit-bucket
 * histograms). Scores are points per second: {@code parse} is protobuf only, {@code decode} is what the endpoint
 * calls ({@link OtlpDecoder#decodeProtobuf}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class OtlpDecodeBenchmark {
  static final int POINTS = 1000;

  @Param({"counters", "mixed"})
  public String mix;

  private byte[] body;

  @Setup
  public void setup() {
    Workload w = Workload.of(1, POINTS, Mix.valueOf(mix.toUpperCase(Locale.ROOT)), false);
    long now = System.currentTimeMillis();
    Template t = Payloads.otlp(w, POINTS, now - 3_600_000L, 42).get(0);
    t.patch(1, now);
    body = t.raw().clone();
  }

  @Benchmark
  @OperationsPerInvocation(POINTS)
  public ExportMetricsServiceRequest parse() throws Exception {
    return ExportMetricsServiceRequest.parseFrom(body);
  }

  @Benchmark
  @OperationsPerInvocation(POINTS)
  public DecodedBatch decode() throws Exception {
    return OtlpDecoder.decodeProtobuf(body);
  }
}
