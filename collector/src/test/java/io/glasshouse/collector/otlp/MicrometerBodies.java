package io.glasshouse.collector.otlp;

import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.LongTaskTimer;
import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.registry.otlp.AggregationTemporality;
import io.micrometer.registry.otlp.HistogramFlavor;
import io.micrometer.registry.otlp.OtlpConfig;
import io.micrometer.registry.otlp.OtlpMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Request bodies as Micrometer's {@code OtlpMeterRegistry} sends them (captured from its metrics sender, so they
 * are byte for byte what goes on the wire before compression): counters, gauges, timers and distribution
 * summaries with SLO buckets, percentile histograms, client-side percentiles (summaries), exponential
 * histograms, long task timers and function counters; cumulative and delta.
 */
final class MicrometerBodies {
  private MicrometerBodies() {
  }

  /** One body per temporality and histogram flavour, {@code instances} resources each (one registry each). */
  static List<byte[]> bodies(int instances) {
    List<byte[]> out = new ArrayList<>();
    for (AggregationTemporality temporality : AggregationTemporality.values()) {
      for (HistogramFlavor flavor : HistogramFlavor.values()) {
        for (int i = 0; i < instances; i++) {
          out.addAll(publish(temporality, flavor, "i-" + i));
        }
      }
    }
    return out;
  }

  static List<byte[]> publish(AggregationTemporality temporality, HistogramFlavor flavor, String instance) {
    MockClock clock = new MockClock();
    clock.add(Duration.ofDays(20_000));
    List<byte[]> bodies = new ArrayList<>();
    OtlpConfig config = new OtlpConfig() {
      @Override
      public String get(String key) {
        return null;
      }

      @Override
      public Map<String, String> resourceAttributes() {
        return Map.of("service.name", "checkout", "service.instance.id", instance, "deployment.environment", "prod",
            "service.version", "1.4.2", "host.name", "node-7.eu");
      }

      @Override
      public AggregationTemporality aggregationTemporality() {
        return temporality;
      }

      @Override
      public HistogramFlavor histogramFlavor() {
        return flavor;
      }
    };
    OtlpMeterRegistry registry = OtlpMeterRegistry.builder(config).clock(clock)
        .metricsSender(request -> bodies.add(request.getMetricsData())).build();
    record(registry);
    clock.add(Duration.ofMinutes(1));
    registry.close(); // publishes once
    return bodies;
  }

  private static void record(OtlpMeterRegistry registry) {
    Counter.builder("orders.placed").tag("region", "eu").register(registry).increment(3);
    Counter.builder("orders.placed").tag("region", "us").register(registry).increment(0.5);
    AtomicInteger depth = registry.gauge("queue.depth", Tags.of("queue", "mail"), new AtomicInteger(12));
    depth.incrementAndGet();
    Timer slo = Timer.builder("http.server.requests").tags("uri", "/pay", "method", "POST", "status", "200")
        .serviceLevelObjectives(Duration.ofMillis(100), Duration.ofMillis(500)).register(registry);
    slo.record(Duration.ofMillis(50));
    slo.record(Duration.ofMillis(200));
    slo.record(Duration.ofMillis(700));
    Timer histogram = Timer.builder("http.client.requests").tag("uri", "/stock").publishPercentileHistogram()
        .register(registry);
    for (int i = 1; i < 40; i++) {
      histogram.record(i * 7, TimeUnit.MILLISECONDS);
    }
    Timer percentiles = Timer.builder("jobs.run").publishPercentiles(0.5, 0.99).register(registry);
    percentiles.record(Duration.ofSeconds(2));
    percentiles.record(Duration.ofMillis(300));
    DistributionSummary payload = DistributionSummary.builder("payload.size").baseUnit("bytes")
        .serviceLevelObjectives(1000, 5000).register(registry);
    payload.record(500);
    payload.record(2000);
    DistributionSummary plain = DistributionSummary.builder("batch.items").register(registry);
    plain.record(4);
    LongTaskTimer.builder("export.running").register(registry).start();
    FunctionCounter.builder("cache.evictions", new AtomicInteger(9), AtomicInteger::get).register(registry);
    Timer.builder("idle.timer").register(registry);
  }
}
