package io.glasshouse.bench.loadgen;

import io.glasshouse.bench.loadgen.Workload.Item;
import io.glasshouse.bench.loadgen.Workload.Part;
import io.glasshouse.collector.remotewrite.proto.RemoteWriteProto.Label;
import io.glasshouse.collector.remotewrite.proto.RemoteWriteProto.Sample;
import io.glasshouse.collector.remotewrite.proto.RemoteWriteProto.TimeSeries;
import io.glasshouse.collector.remotewrite.proto.RemoteWriteProto.WriteRequest;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Builds remote write 1.0 {@code WriteRequest} templates (uncompressed): one series per counter or gauge, 12
 * {@code _bucket} series plus {@code _sum} and {@code _count} per histogram, labels sorted by name as
 * Prometheus sends them: {@code __name__}, {@code instance}, {@code job}, [{@code le}], {@code method},
 * [{@code shard}], {@code status}, {@code uri}.
 */
public final class RemoteWriteEncoder {
  private RemoteWriteEncoder() {
  }

  /** A template for one request body made of {@code parts}. */
  public static Template template(Workload w, List<Part> parts, long nowMs, SplittableRandom rnd) {
    Template.Slots slots = new Template.Slots();
    WriteRequest.Builder req = WriteRequest.newBuilder();
    int samples = 0;
    for (Part p : parts) {
      String job = Workload.service(p.instance());
      String instance = Workload.instance(p.instance());
      for (int k = p.fromItem(); k < p.toItem(); k++) {
        Item it = w.items().get(k);
        switch (it.kind()) {
          case COUNTER -> req.addTimeseries(series(it.promName(), instance, job, null, it,
              slots.value(Template.CUMULATIVE | Template.FOLLOWED_BY_MS_VARINT, rnd.nextInt(1000),
                  1 + rnd.nextInt(50)), nowMs));
          case GAUGE -> req.addTimeseries(series(it.promName(), instance, job, null, it,
              slots.value(Template.GAUGE | Template.FOLLOWED_BY_MS_VARINT, rnd.nextInt(1000), rnd.nextInt(20)),
              nowMs));
          case HISTOGRAM -> {
            double cumulative = 0;
            double sumRate = 0;
            for (int b = 0; b <= Workload.BOUNDS.length; b++) {
              int r = rnd.nextInt(6);
              cumulative += r;
              double upper = b < Workload.BOUNDS.length ? Workload.BOUNDS[b] : 20;
              sumRate += r * upper * 0.7;
              String le = b < Workload.BOUNDS.length ? Double.toString(Workload.BOUNDS[b]) : "+Inf";
              req.addTimeseries(series(it.promName() + "_bucket", instance, job, le, it,
                  slots.value(Template.CUMULATIVE | Template.FOLLOWED_BY_MS_VARINT, 10 * cumulative, cumulative),
                  nowMs));
            }
            req.addTimeseries(series(it.promName() + "_sum", instance, job, null, it,
                slots.value(Template.CUMULATIVE | Template.FOLLOWED_BY_MS_VARINT, 10 * sumRate, sumRate), nowMs));
            req.addTimeseries(series(it.promName() + "_count", instance, job, null, it,
                slots.value(Template.CUMULATIVE | Template.FOLLOWED_BY_MS_VARINT, 10 * cumulative, cumulative),
                nowMs));
          }
          default -> throw new IllegalStateException(it.kind().name());
        }
        samples += Workload.cost(it, true);
      }
    }
    return slots.locate(req.build().toByteArray(), samples);
  }

  private static TimeSeries series(String name, String instance, String job, String le, Item it, double value,
      long nowMs) {
    TimeSeries.Builder ts = TimeSeries.newBuilder()
        .addLabels(label("__name__", name))
        .addLabels(label("instance", instance))
        .addLabels(label("job", job));
    if (le != null) {
      ts.addLabels(label("le", le));
    }
    ts.addLabels(label("method", it.method()));
    if (it.shard() != null) {
      ts.addLabels(label("shard", it.shard()));
    }
    ts.addLabels(label("status", it.status())).addLabels(label("uri", it.uri()));
    return ts.addSamples(Sample.newBuilder().setValue(value).setTimestamp(nowMs)).build();
  }

  private static Label label(String name, String value) {
    return Label.newBuilder().setName(name).setValue(value).build();
  }
}
