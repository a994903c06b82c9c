package io.glasshouse.bench.loadgen;

import io.glasshouse.bench.loadgen.Workload.Item;
import io.glasshouse.bench.loadgen.Workload.Part;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import io.opentelemetry.proto.metrics.v1.Gauge;
import io.opentelemetry.proto.metrics.v1.Histogram;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.metrics.v1.Sum;
import io.opentelemetry.proto.resource.v1.Resource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Builds OTLP {@code ExportMetricsServiceRequest} templates shaped like Micrometer's OTLP registry output: one
 * {@code ResourceMetrics} per instance ({@code service.name}, {@code service.instance.id},
 * {@code telemetry.sdk.name}; no {@code host.name}, which Glasshouse would keep as a per-instance label
 * {@code host_name} and so multiply the rollup series past the per-service limit), one scope, one {@code Metric} per meter name holding a point per tag set; counters as cumulative monotonic
 * sums, gauges as gauges, timers as cumulative explicit-bucket histograms in seconds.
 */
public final class OtlpEncoder {
  private OtlpEncoder() {
  }

  /** A template for one request body made of {@code parts}; {@code startMs} is the counters' start time. */
  public static Template template(Workload w, List<Part> parts, long startMs, SplittableRandom rnd) {
    Template.Slots slots = new Template.Slots();
    long startNanos = startMs * 1_000_000L;
    ExportMetricsServiceRequest.Builder req = ExportMetricsServiceRequest.newBuilder();
    int samples = 0;
    for (Part p : parts) {
      Resource resource = Resource.newBuilder()
          .addAttributes(kv("service.name", Workload.service(p.instance())))
          .addAttributes(kv("service.instance.id", Workload.instance(p.instance())))
          .addAttributes(kv("telemetry.sdk.name", "io.micrometer"))
          .build();
      Map<String, Metric.Builder> metrics = new LinkedHashMap<>();
      for (int k = p.fromItem(); k < p.toItem(); k++) {
        Item it = w.items().get(k);
        Metric.Builder m = metrics.computeIfAbsent(it.otlpName(), n -> Metric.newBuilder().setName(n));
        switch (it.kind()) {
          case COUNTER -> {
            Sum.Builder sum = m.getSumBuilder()
                .setAggregationTemporality(AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE)
                .setIsMonotonic(true);
            sum.addDataPoints(NumberDataPoint.newBuilder().setStartTimeUnixNano(startNanos)
                .setTimeUnixNano(slots.fixed(Template.TIME_NANOS, 0, 0))
                .setAsDouble(slots.value(Template.CUMULATIVE, rnd.nextInt(1000), 1 + rnd.nextInt(50)))
                .addAllAttributes(attributes(it)));
          }
          case GAUGE -> {
            Gauge.Builder g = m.getGaugeBuilder();
            g.addDataPoints(NumberDataPoint.newBuilder()
                .setTimeUnixNano(slots.fixed(Template.TIME_NANOS, 0, 0))
                .setAsDouble(slots.value(Template.GAUGE, rnd.nextInt(1000), rnd.nextInt(20)))
                .addAllAttributes(attributes(it)));
          }
          case HISTOGRAM -> {
            m.setUnit("s");
            Histogram.Builder h = m.getHistogramBuilder()
                .setAggregationTemporality(AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE);
            HistogramDataPoint.Builder dp = HistogramDataPoint.newBuilder().setStartTimeUnixNano(startNanos)
                .setTimeUnixNano(slots.fixed(Template.TIME_NANOS, 0, 0));
            double total = 0;
            double sumRate = 0;
            long[] counts = new long[Workload.BOUNDS.length + 1];
            double[] rates = new double[counts.length];
            for (int b = 0; b < counts.length; b++) {
              rates[b] = rnd.nextInt(6);
              total += rates[b];
              sumRate += rates[b] * (b < Workload.BOUNDS.length ? Workload.BOUNDS[b] : 20) * 0.7;
            }
            dp.setCount(slots.fixed(Template.COUNT, 10 * total, total));
            dp.setSum(slots.value(Template.CUMULATIVE, 10 * sumRate, sumRate));
            for (int b = 0; b < counts.length; b++) {
              dp.addBucketCounts(slots.fixed(Template.COUNT, 10 * rates[b], rates[b]));
            }
            for (double bound : Workload.BOUNDS) {
              dp.addExplicitBounds(bound);
            }
            h.addDataPoints(dp.addAllAttributes(attributes(it)));
          }
          default -> throw new IllegalStateException(it.kind().name());
        }
        samples++;
      }
      ScopeMetrics.Builder scope = ScopeMetrics.newBuilder()
          .setScope(InstrumentationScope.newBuilder().setName("glasshouse-loadgen").setVersion("1"));
      metrics.values().forEach(scope::addMetrics);
      req.addResourceMetrics(ResourceMetrics.newBuilder().setResource(resource).addScopeMetrics(scope));
    }
    return slots.locate(req.build().toByteArray(), samples);
  }

  private static List<KeyValue> attributes(Item it) {
    if (it.shard() == null) {
      return List.of(kv("method", it.method()), kv("status", it.status()), kv("uri", it.uri()));
    }
    return List.of(kv("method", it.method()), kv("shard", it.shard()), kv("status", it.status()),
        kv("uri", it.uri()));
  }

  private static KeyValue kv(String key, String value) {
    return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setStringValue(value)).build();
  }
}
