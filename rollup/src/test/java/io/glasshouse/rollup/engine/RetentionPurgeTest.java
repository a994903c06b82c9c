package io.glasshouse.rollup.engine;

import static io.glasshouse.rollup.engine.EngineFixture.T0;
import static io.glasshouse.rollup.engine.EngineFixture.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.glasshouse.rollup.sample.Labels;
import io.glasshouse.rollup.sample.Protocol;
import io.glasshouse.rollup.sample.Sample;
import io.glasshouse.rollup.series.MinuteCell;
import io.glasshouse.rollup.series.SeriesCells;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Minute cells older than rollup.retention leave the store with the hourly purge after a checkpoint. */
class RetentionPurgeTest {
  @TempDir
  Path dir;
  Vertx vertx;
  EngineFixture fx;

  @BeforeEach
  void setUp() {
    vertx = Vertx.vertx();
    RollupConfig d = EngineFixture.config(1000);
    fx = new EngineFixture(vertx, dir, new RollupConfig(d.instanceLabels(), d.dropLabels(), d.maxSeriesPerService(),
        d.lateWindow(), d.staleAfter(), d.newSeriesGrace(), d.checkpointInterval(), d.queueCapacity(),
        Duration.ofHours(3), d.instanceRetention()));
    fx.start();
  }

  @AfterEach
  void tearDown() {
    fx.stop();
    await(vertx.close());
  }

  private void send(long ts, double v) {
    await(fx.engine.accept(Protocol.JSON, List.of(Sample.deltaCounter("req", Labels.of("service", "api",
        "instance", "a"), ts, v)), true));
  }

  private List<Long> storedMinutes() {
    List<SeriesCells> s = await(fx.engine.cells("api", "req", List.of(), T0.minus(Duration.ofDays(1)).toEpochMilli(),
        fx.clock.millis() + 60_000));
    return s.stream().flatMap(x -> x.cells().stream()).map(MinuteCell::minuteMs).toList();
  }

  @Test
  void cellsOlderThanTheRetentionAreDeletedByTheHourlyPurge() {
    send(T0.toEpochMilli(), 1);
    await(fx.engine.checkpointNow()); // the first checkpoint purges (nothing old yet)
    fx.clock.add(Duration.ofMinutes(150));
    long recent = fx.clock.millis();
    send(recent, 2);
    await(fx.engine.checkpointNow());
    assertThat(storedMinutes()).as("within the 3 h retention").hasSize(2);

    fx.clock.add(Duration.ofMinutes(40)); // T0's minute is past retention, but the last purge was 40 min ago
    send(fx.clock.millis(), 3);
    await(fx.engine.checkpointNow());
    assertThat(storedMinutes()).as("purged hourly, not at every checkpoint").contains(T0.toEpochMilli());

    fx.clock.add(Duration.ofMinutes(30)); // over an hour since the last purge
    send(fx.clock.millis(), 4);
    await(fx.engine.checkpointNow());

    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (storedMinutes().contains(T0.toEpochMilli()) && System.nanoTime() < deadline) {
      Thread.yield(); // the purge runs after the checkpoint's completion, without a future to wait on
    }
    assertThat(storedMinutes()).doesNotContain(T0.toEpochMilli()).hasSize(3);
  }
}
