package io.glasshouse.bench.jmh;

import io.glasshouse.bench.loadgen.Mix;
import io.glasshouse.bench.loadgen.Payloads;
import io.glasshouse.bench.loadgen.Template;
import io.glasshouse.bench.loadgen.Workload;
import io.glasshouse.collector.http.ContentDecoding;
import io.glasshouse.collector.http.GzipBuffer;
import io.glasshouse.collector.http.SnappyBuffer;
import io.glasshouse.collector.otlp.FastOtlpDecoder;
import io.glasshouse.collector.otlp.OtlpDecoder;
import io.glasshouse.collector.otlp.OtlpShape;
import io.glasshouse.collector.validate.DecodedBatch;
import io.glasshouse.collector.validate.ShapeLimits;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
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
 * The OTLP endpoint's whole protobuf decode step, reference against fast, on the load generator's Micrometer-shaped
 * payloads: 200 instances × 1,000 points (resource {@code service.name}, {@code service.instance.id}, points with
 * {@code method, status, uri}; counters as cumulative monotonic sums, gauges, timers as explicit-bucket
 * histograms), one request per instance, taken in turn (so the fast decoder's string tables see the fleet, not one
 * request over and over). Scores are samples (points) per second ({@code @OperationsPerInvocation(1000)}); with
 * {@code -prof gc}, {@code gc.alloc.rate.norm} is bytes allocated per sample.
 *
 * <ul>
 *   <li>{@code reference}: what {@code collector.decoder: reference} does with an uncompressed body:
 *       {@link OtlpShape} counting, protobuf's generated classes, {@link OtlpDecoder}.</li>
 *   <li>{@code fast}: what the default does: {@link FastOtlpDecoder} (counting included).</li>
 *   <li>{@code referenceGzip} / {@code fastGzip}: the same with the body gzip-compressed (gunzip into a fresh array
 *       / into the thread's reused buffer first).</li>
 * </ul>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class OtlpFastDecodeBenchmark {
  static final int INSTANCES = 200;
  static final int POINTS = 1000;
  static final long MAX_DECOMPRESSED = 64L << 20;

  @Param({"counters", "mixed"})
  public String mix;

  private byte[][] raw;
  private byte[][] gzipped;
  private int next;

  @Setup
  public void setup() throws IOException {
    Workload w = Workload.of(INSTANCES, POINTS, Mix.valueOf(mix.toUpperCase(Locale.ROOT)), false);
    long now = System.currentTimeMillis();
    List<Template> templates = Payloads.otlp(w, POINTS, now - 3_600_000L, 42);
    raw = new byte[templates.size()][];
    gzipped = new byte[templates.size()][];
    for (int i = 0; i < templates.size(); i++) {
      Template t = templates.get(i);
      t.patch(1, now);
      raw[i] = t.raw().clone();
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
        gz.write(raw[i]);
      }
      gzipped[i] = out.toByteArray();
    }
  }

  private int nextIndex() {
    int i = next;
    next = i + 1 == raw.length ? 0 : i + 1;
    return i;
  }

  @Benchmark
  @OperationsPerInvocation(POINTS)
  public DecodedBatch reference() throws Exception {
    byte[] body = raw[nextIndex()];
    OtlpShape.checkProtobuf(body, ShapeLimits.DEFAULTS.budget());
    return OtlpDecoder.decode(OtlpDecoder.parseProtobuf(body));
  }

  @Benchmark
  @OperationsPerInvocation(POINTS)
  public DecodedBatch fast() throws Exception {
    byte[] body = raw[nextIndex()];
    return FastOtlpDecoder.forThisThread().decode(body, 0, body.length, ShapeLimits.DEFAULTS.budget());
  }

  @Benchmark
  @OperationsPerInvocation(POINTS)
  public DecodedBatch referenceGzip() throws Exception {
    byte[] body = ContentDecoding.gunzip(gzipped[nextIndex()], MAX_DECOMPRESSED);
    OtlpShape.checkProtobuf(body, ShapeLimits.DEFAULTS.budget());
    return OtlpDecoder.decode(OtlpDecoder.parseProtobuf(body));
  }

  @Benchmark
  @OperationsPerInvocation(POINTS)
  public DecodedBatch fastGzip() throws Exception {
    SnappyBuffer.Decompressed body = GzipBuffer.gunzip(gzipped[nextIndex()], MAX_DECOMPRESSED);
    return FastOtlpDecoder.forThisThread().decode(body.bytes(), 0, body.length(), ShapeLimits.DEFAULTS.budget());
  }
}
