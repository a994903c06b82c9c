package io.glasshouse.bench.jmh;

import io.glasshouse.bench.loadgen.Mix;
import io.glasshouse.bench.loadgen.Payloads;
import io.glasshouse.bench.loadgen.Template;
import io.glasshouse.bench.loadgen.Workload;
import io.glasshouse.collector.http.ContentDecoding;
import io.glasshouse.collector.http.SnappyBuffer;
import io.glasshouse.collector.remotewrite.FastRemoteWriteDecoder;
import io.glasshouse.collector.remotewrite.MetricFamilies;
import io.glasshouse.collector.remotewrite.RemoteWriteDecoder;
import io.glasshouse.collector.remotewrite.RemoteWriteShape;
import io.glasshouse.collector.validate.DecodedBatch;
import io.glasshouse.collector.validate.ShapeLimits;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.xerial.snappy.Snappy;

/**
 * The remote-write endpoint's whole decode step, reference against fast, on the load generator's payloads:
 * 200 instances × 1,000 counter series, one request per instance, taken in turn (so the fast decoder's string
 * table sees the fleet, not one request over and over). Scores are samples per second
 * ({@code @OperationsPerInvocation(1000)}); run with {@code -prof gc} for bytes allocated per sample
 * ({@code gc.alloc.rate.norm} divided by nothing: it is already per operation, i.e. per sample).
 *
 * <ul>
 *   <li>{@code reference}: what {@code collector.decoder: reference} does: snappy into a fresh array,
 *       {@link RemoteWriteShape} counting, protobuf's generated classes, {@link RemoteWriteDecoder}.</li>
 *   <li>{@code fast}: what the default does: snappy into the thread's reused buffer, then
 *       {@link FastRemoteWriteDecoder} (counting included).</li>
 *   <li>{@code referenceUncompressed} / {@code fastUncompressed}: the decoders alone on the uncompressed body.</li>
 * </ul>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class RemoteWriteFastDecodeBenchmark {
  static final int INSTANCES = 200;
  static final int SERIES = 1000;
  static final long MAX_DECOMPRESSED = 64L << 20;

  private byte[][] raw;
  private byte[][] compressed;
  private int next;
  private final MetricFamilies families = new MetricFamilies();

  @Setup
  public void setup() throws Exception {
    Workload w = Workload.of(INSTANCES, SERIES, Mix.COUNTERS, true);
    long now = System.currentTimeMillis();
    List<Template> templates = Payloads.remoteWrite(w, SERIES, now, 42);
    raw = new byte[templates.size()][];
    compressed = new byte[templates.size()][];
    for (int i = 0; i < templates.size(); i++) {
      Template t = templates.get(i);
      t.patch(1, now);
      raw[i] = t.raw().clone();
      compressed[i] = Snappy.compress(raw[i]);
    }
  }

  private int nextIndex() {
    int i = next;
    next = i + 1 == raw.length ? 0 : i + 1;
    return i;
  }

  @Benchmark
  @OperationsPerInvocation(SERIES)
  public DecodedBatch reference() throws Exception {
    byte[] body = ContentDecoding.unsnappy(compressed[nextIndex()], MAX_DECOMPRESSED);
    RemoteWriteShape.check(body, ShapeLimits.DEFAULTS.budget());
    return RemoteWriteDecoder.decode(RemoteWriteDecoder.parse(body), families);
  }

  @Benchmark
  @OperationsPerInvocation(SERIES)
  public DecodedBatch fast() throws Exception {
    SnappyBuffer.Decompressed body = SnappyBuffer.unsnappy(compressed[nextIndex()], MAX_DECOMPRESSED);
    return FastRemoteWriteDecoder.forThisThread().decode(body.bytes(), 0, body.length(), families,
        ShapeLimits.DEFAULTS.budget());
  }

  @Benchmark
  @OperationsPerInvocation(SERIES)
  public DecodedBatch referenceUncompressed() throws Exception {
    return RemoteWriteDecoder.decode(RemoteWriteDecoder.parse(raw[nextIndex()]), families);
  }

  @Benchmark
  @OperationsPerInvocation(SERIES)
  public DecodedBatch fastUncompressed() throws Exception {
    byte[] body = raw[nextIndex()];
    return FastRemoteWriteDecoder.forThisThread().decode(body, 0, body.length, families,
        ShapeLimits.DEFAULTS.budget());
  }
}
