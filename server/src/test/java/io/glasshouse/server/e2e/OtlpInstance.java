package io.glasshouse.server.e2e;

import io.glasshouse.rollup.time.ManualClock;
import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.distribution.pause.NoPauseDetector;
import io.micrometer.registry.otlp.AggregationTemporality;
import io.micrometer.registry.otlp.OtlpConfig;
import io.micrometer.registry.otlp.OtlpMeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * One simulated service instance: Micrometer's real OTLP registry, pushing over HTTP to {@code /v1/metrics},
 * with time from the test's manual clock. It publishes only when the test says so ({@link #publishNow()}), and on
 * {@link #close()} as Micrometer always does.
 */
public final class OtlpInstance extends OtlpMeterRegistry {
  public final String instanceId;

  public OtlpInstance(String url, String service, String instanceId, AggregationTemporality temporality,
      ManualClock clock) {
    super(config(url, service, instanceId, temporality), micrometerClock(clock));
    this.instanceId = instanceId;
    // Timers should hold exactly what the test recorded; a pause detector adds synthetic values after GC pauses.
    config().pauseDetector(new NoPauseDetector());
  }

  /** No background publishing or step polling: the test drives every publish, so runs are deterministic. */
  @Override
  public void start(ThreadFactory threadFactory) {
  }

  /** Sends what Micrometer would send at this moment; returns when the collector has answered. */
  public void publishNow() {
    publish();
  }

  private static Clock micrometerClock(ManualClock clock) {
    return new Clock() {
      @Override
      public long wallTime() {
        return clock.millis();
      }

      @Override
      public long monotonicTime() {
        return TimeUnit.MILLISECONDS.toNanos(clock.millis());
      }
    };
  }

  private static OtlpConfig config(String url, String service, String instanceId, AggregationTemporality temporality) {
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
        return Map.of("service.name", service, "service.instance.id", instanceId);
      }

      @Override
      public AggregationTemporality aggregationTemporality() {
        return temporality;
      }
    };
  }
}
