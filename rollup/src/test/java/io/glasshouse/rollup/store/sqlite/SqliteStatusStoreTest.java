package io.glasshouse.rollup.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import io.glasshouse.rollup.status.ComponentStatus;
import io.glasshouse.rollup.status.DailyStatus;
import io.glasshouse.rollup.status.OverrideChange;
import io.glasshouse.rollup.status.StatusOverride;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteStatusStoreTest {
  private static final LocalDate TODAY = LocalDate.parse("2026-03-02");
  @TempDir
  Path dir;
  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() {
    await(vertx.close());
  }

  static <T> T await(Future<T> f) {
    try {
      return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError(e.getCause() == null ? e : e.getCause());
    }
  }

  private SqliteStatusStore open() {
    SqliteStatusStore s = SqliteStatusStore.create(vertx, dir);
    await(s.open());
    return s;
  }

  @Test
  void ninetyDaysOfHistoryComeBackAfterARestartAndUpsertsReplace() {
    List<DailyStatus> days = new ArrayList<>();
    for (int i = 0; i < 90; i++) {
      days.add(new DailyStatus("checkout", TODAY.minusDays(i), Map.of(ComponentStatus.OPERATIONAL, 86_400_000L - i,
          ComponentStatus.MAJOR_OUTAGE, (long) i, ComponentStatus.UNDER_MAINTENANCE, 7L)));
    }
    SqliteStatusStore first = open();
    await(first.save(days));
    await(first.save(List.of(new DailyStatus("checkout", TODAY, Map.of(ComponentStatus.PARTIAL_OUTAGE, 5L)))));
    await(first.close());

    SqliteStatusStore second = open();
    List<DailyStatus> back = await(second.days(TODAY.minusDays(89)));
    assertThat(back).hasSize(90);
    assertThat(back.get(0)).isEqualTo(days.get(89));
    assertThat(back.get(89)).isEqualTo(new DailyStatus("checkout", TODAY, Map.of(ComponentStatus.PARTIAL_OUTAGE, 5L)));
    await(second.purgeBefore(TODAY.minusDays(9)));
    assertThat(await(second.days(TODAY.minusDays(200)))).hasSize(10);
    await(second.close());
  }

  @Test
  void overridesAndTheirAuditTrailPersist() {
    Instant t = Instant.parse("2026-03-02T10:00:00Z");
    StatusOverride o = new StatusOverride("search", ComponentStatus.MAJOR_OUTAGE, "DB failover", "alice", t,
        t.plusSeconds(3600));
    SqliteStatusStore first = open();
    await(first.record(new OverrideChange("search", OverrideChange.Action.SET, "alice", t, null, o)));
    await(first.close());

    SqliteStatusStore second = open();
    assertThat(await(second.overrides())).containsExactly(o);
    await(second.record(new OverrideChange("search", OverrideChange.Action.CLEARED, "bob", t.plusSeconds(60), o,
        null)));
    assertThat(await(second.overrides())).isEmpty();
    List<OverrideChange> audit = await(second.changes("search", 10));
    assertThat(audit).extracting(OverrideChange::action).containsExactly(OverrideChange.Action.CLEARED,
        OverrideChange.Action.SET);
    assertThat(audit.get(0).before()).isEqualTo(o);
    assertThat(audit.get(0).by()).isEqualTo("bob");
    assertThat(audit.get(1).after()).isEqualTo(o);
    await(second.close());
  }
}
