package io.glasshouse.bench.jmh;

import io.glasshouse.bench.loadgen.Mix;
import io.glasshouse.bench.loadgen.Payloads;
import io.glasshouse.bench.loadgen.Template;
import io.glasshouse.bench.loadgen.Workload;
import io.glasshouse.collector.remotewrite.RemoteWriteDecoder;
import io.glasshouse.collector.remotewrite.proto.RemoteWriteProto.WriteRequest;
import io.glasshouse.collector.validate.DecodedBatch;
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
import org.xerial.snappy.Snappy;

/**
 * Decoding one remote-write request of one instance's 1,000 series (the load generator's body: labels
 * {@code __name__, instance, job, method, status, uri}, one sample each). Scores are samples per second
 * ({@code @OperationsPerInvocation(1000)}): {@code parse} is protobuf only, {@code decode} is what the endpoint
 * calls on the uncompressed body (parse + labels + samples), {@code snappyAndDecode} adds decompression.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class RemoteWriteDecodeBenchmark {
  static final int SERIES = 1000;

  @Param({"counters", "mixed"})
  public String mix;

  private byte[] raw;
  private byte[] compressed;

  @Setup
  public void setup() throws Exception {
    Workload w = Workload.of(1, SERIES, Mix.valueOf(mix.toUpperCase(Locale.ROOT)), true);
    Template t = Payloads.remoteWrite(w, SERIES, System.currentTimeMillis(), 42).get(0);
    t.patch(1, System.currentTimeMillis());
    raw = t.raw().clone();
    compressed = Snappy.compress(raw);
  }

  @Benchmark
  @OperationsPerInvocation(SERIES)
  public WriteRequest parse() throws Exception {
    return WriteRequest.parseFrom(raw);
  }

  @Benchmark
  @OperationsPerInvocation(SERIES)
  public DecodedBatch decode() throws Exception {
    return RemoteWriteDecoder.decode(raw);
  }

  @Benchmark
  @OperationsPerInvocation(SERIES)
  public DecodedBatch snappyAndDecode() throws Exception {
    return RemoteWriteDecoder.decode(Snappy.uncompress(compressed));
  }
}
