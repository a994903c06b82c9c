package io.glasshouse.bench.loadgen;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Request-body templates for harnesses other than the load generator (JMH, heap measurement). */
public final class Payloads {
  private Payloads() {
  }

  /** Remote write templates, one per request of {@code samplesPerRequest} samples, values seeded by {@code seed}. */
  public static List<Template> remoteWrite(Workload w, int samplesPerRequest, long nowMs, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    List<Template> out = new ArrayList<>();
    for (List<Workload.Part> chunk : w.chunks(samplesPerRequest, true)) {
      out.add(RemoteWriteEncoder.template(w, chunk, nowMs, rnd));
    }
    return out;
  }

  /** OTLP templates, one per request of {@code samplesPerRequest} points; counters started at {@code startMs}. */
  public static List<Template> otlp(Workload w, int samplesPerRequest, long startMs, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    List<Template> out = new ArrayList<>();
    for (List<Workload.Part> chunk : w.chunks(samplesPerRequest, false)) {
      out.add(OtlpEncoder.template(w, chunk, startMs, rnd));
    }
    return out;
  }
}
