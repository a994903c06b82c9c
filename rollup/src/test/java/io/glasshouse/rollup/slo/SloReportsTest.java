package io.glasshouse.rollup.slo;

import static org.assertj.core.api.Assertions.assertThat;

import io.glasshouse.rollup.time.ManualClock;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SloReportsTest {
  final Vertx vertx = Vertx.vertx();
  final ManualClock clock = new ManualClock(Instant.parse("2026-05-20T12:00:30Z"));

  /** Counts whose answers the test releases one by one. */
  static final class HeldCounts implements SliCounts {
    final List<Promise<MinuteCounts>> pending = new ArrayList<>();

    @Override
    public synchronized Future<MinuteCounts> counts(String service, Sli sli, long fromMs, long toMs) {
      Promise<MinuteCounts> p = Promise.promise();
      pending.add(p);
      long now = toMs;
      return p.future().map(c -> c == null ? new Counts(fromMs, toMs).at(now - 60_000, 99, 100).build() : c);
    }

    synchronized void releaseAll() {
      pending.forEach(p -> p.tryComplete(null));
      pending.clear();
    }
  }

  @AfterEach
  void close() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  /** Releases reads until {@code f} completes (each refresh reads one SLO at a time). */
  static void drive(HeldCounts counts, Future<?> f) throws Exception {
    for (int i = 0; i < 600 && !f.isComplete(); i++) {
      counts.releaseAll();
      try {
        f.toCompletionStage().toCompletableFuture().get(50, TimeUnit.MILLISECONDS);
      } catch (java.util.concurrent.TimeoutException e) {
        // the next read is not asked for yet: release again
      }
    }
    assertThat(f.succeeded()).isTrue();
  }

  static SloDefinition slo(String name, double target) {
    return new SloDefinition(name, "svc", SloEvaluatorTest.RATIO, target,
        new SloWindow.Rolling(Duration.ofHours(1)), new Budgeting.Occurrences(), Map.of(), "", "");
  }

  @Test
  void refreshAskedDuringARefreshAnswersWithTheOneAfterIt() throws Exception {
    HeldCounts counts = new HeldCounts();
    SloReports reports = new SloReports(counts, clock, Duration.ofHours(1), Duration.ofHours(1));
    reports.replaceDefinitions(List.of(slo("a", 0.9)));
    Future<SloReports.Snapshot> first = reports.start(vertx);
    clock.add(Duration.ofMinutes(5));
    Future<SloReports.Snapshot> second = reports.refresh(); // asked while the first still waits for its counts
    drive(counts, second);
    reports.stop();
    assertThat(first.result().computedAt()).isEqualTo(Instant.parse("2026-05-20T12:00:30Z"));
    assertThat(second.result().computedAt()).isEqualTo(Instant.parse("2026-05-20T12:05:30Z"));
    assertThat(reports.latest()).isEqualTo(second.result());
  }

  @Test
  void replacedDefinitionsTakeEffectWithoutRestartAndAreSortedByBudgetRemaining() throws Exception {
    HeldCounts counts = new HeldCounts();
    SloReports reports = new SloReports(counts, clock, Duration.ofHours(1), Duration.ofHours(1));
    reports.replaceDefinitions(List.of(slo("loose", 0.5)));
    Future<SloReports.Snapshot> f = reports.start(vertx);
    counts.releaseAll();
    f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    reports.replaceDefinitions(List.of(slo("loose", 0.5), slo("tight", 0.995)));
    drive(counts, reports.refresh());
    reports.stop();
    // 1 bad of 100: "tight" has spent twice its budget (-1), "loose" almost nothing (0.98)
    assertThat(reports.latest().reports()).extracting(SloReport::name).containsExactly("tight", "loose");
    reports.replaceDefinitions(List.of(slo("loose", 0.5)));
    assertThat(reports.latest().reports()).extracting(SloReport::name).containsExactly("loose");
  }
}
