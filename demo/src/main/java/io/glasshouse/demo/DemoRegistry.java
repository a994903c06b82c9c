package io.glasshouse.demo;

import io.micrometer.core.instrument.Clock;
import io.micrometer.registry.otlp.AggregationTemporality;
import io.micrometer.registry.otlp.CompressionMode;
import io.micrometer.registry.otlp.HistogramFlavor;
import io.micrometer.registry.otlp.OtlpConfig;
import io.micrometer.registry.otlp.OtlpMeterRegistry;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;

/**
 * A plain Micrometer {@link OtlpMeterRegistry} (it sends OTLP/HTTP protobuf to the configured URL like any
 * application would) that does not start a publishing thread of its own: the fleet calls {@link #publishNow()}
 * from one shared scheduler, so a fleet of dozens of instances needs only a handful of threads. {@link #close()}
 * is the registry's own: it publishes the last step.
 */
final class DemoRegistry extends OtlpMeterRegistry {
  private static final ThreadFactory UNUSED = Executors.defaultThreadFactory();

  DemoRegistry(OtlpConfig config) {
    super(config, Clock.SYSTEM, UNUSED);
  }

  @Override
  public void start(ThreadFactory threadFactory) {
    // publishing is driven by the fleet's shared scheduler through publishNow()
  }

  /** Sends the current step now (exceptions from the sender are logged by Micrometer, not thrown). */
  void publishNow() {
    publish();
  }

  /**
   * OTLP settings of one instance. Every setting that Micrometer would otherwise read from {@code OTEL_*}
   * environment variables is fixed here, so the demo behaves the same wherever it runs.
   */
  static OtlpConfig config(URI url, Duration step, Map<String, String> resourceAttributes,
      Map<String, String> headers) {
    String address = url.toString();
    Map<String, String> attributes = Map.copyOf(resourceAttributes);
    Map<String, String> sent = Map.copyOf(headers);
    return new OtlpConfig() {
      @Override
      public String get(String key) {
        return null;
      }

      @Override
      public String url() {
        return address;
      }

      @Override
      public Duration step() {
        return step;
      }

      @Override
      public Map<String, String> resourceAttributes() {
        return attributes;
      }

      @Override
      public Map<String, String> headers() {
        return sent;
      }

      @Override
      public AggregationTemporality aggregationTemporality() {
        return AggregationTemporality.CUMULATIVE;
      }

      @Override
      public HistogramFlavor histogramFlavor() {
        return HistogramFlavor.EXPLICIT_BUCKET_HISTOGRAM;
      }

      @Override
      public CompressionMode compressionMode() {
        return CompressionMode.NONE;
      }
    };
  }
}
