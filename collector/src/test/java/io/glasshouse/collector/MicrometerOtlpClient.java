package io.glasshouse.collector;

import io.glasshouse.rollup.time.ManualClock;
import io.micrometer.core.instrument.Clock;
import io.micrometer.registry.otlp.AggregationTemporality;
import io.micrometer.registry.otlp.CompressionMode;
import io.micrometer.registry.otlp.OtlpConfig;
import io.micrometer.registry.otlp.OtlpMeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Micrometer's OTLP registry as a real client, publishing on demand with time from a manual clock. */
final class MicrometerOtlpClient extends OtlpMeterRegistry {
  MicrometerOtlpClient(OtlpConfig config, ManualClock clock) {
    super(config, new Clock() {
      @Override
      public long wallTime() {
        return clock.millis();
      }

      @Override
      public long monotonicTime() {
        return TimeUnit.MILLISECONDS.toNanos(clock.millis());
      }
    });
  }

  /** Sends the current values now (blocking: call from a test thread). */
  void publishNow() {
    publish();
  }

  static OtlpConfig config(String url, AggregationTemporality temporality, CompressionMode compression,
      Map<String, String> headers) {
    return new OtlpConfig() {
      @Override
      public String get(String key) {
        return null;
      }

      @Override
      public String url() {
        return url;
      }

      @Override
      public Duration step() {
        return Duration.ofMinutes(1);
      }

      @Override
      public Map<String, String> resourceAttributes() {
        return Map.of("service.name", "checkout", "service.instance.id", "i-1", "deployment.environment", "prod");
      }

      @Override
      public AggregationTemporality aggregationTemporality() {
        return temporality;
      }

      @Override
      public CompressionMode compressionMode() {
        return compression;
      }

      @Override
      public Map<String, String> headers() {
        return headers;
      }
    };
  }
}
