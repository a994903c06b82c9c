package io.glasshouse.rollup.status;

import static io.glasshouse.rollup.status.Fixtures.CHECKOUT;
import static io.glasshouse.rollup.status.Fixtures.SEARCH;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.glasshouse.rollup.store.sqlite.SqliteStatusStore;
import io.glasshouse.rollup.time.ManualClock;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The evaluator with the real SQLite store: history across a restart, overrides with expiry and their audit. */
class StatusEvaluatorTest {
  private static final Instant T0 = Instant.parse("2026-03-02T22:00:00Z");
  private static final List<ComponentDefinition> COMPONENTS = List.of(CHECKOUT, SEARCH);
  @TempDir
  Path dir;
  private final Vertx vertx = Vertx.vertx();
  private final ManualClock clock = new ManualClock(T0);
  private final AtomicReference<StatusInputs> inputs = new AtomicReference<>(Fixtures.healthy());

  @AfterEach
  void close() {
    await(vertx.close());
  }

  static <T> T await(Future<T> f) {
    try {
      return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new AssertionError(e.getCause());
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private record Running(StatusEvaluator evaluator, SqliteStatusStore store) {
    void stop() {
      await(evaluator.close());
      await(store.close());
    }
  }

  private Running start() {
    SqliteStatusStore store = SqliteStatusStore.create(vertx, dir);
    await(store.open());
    StatusEvaluator e = await(StatusEvaluator.start(vertx, StatusConfig.defaults(COMPONENTS).withImproveAfter(
        Duration.ZERO), () -> COMPONENTS, () -> Future.succeededFuture(inputs.get()), store, store, clock, false));
    return new Running(e, store);
  }

  private StatusSnapshot step(StatusEvaluator e, Duration d) {
    clock.add(d);
    return await(e.evaluate());
  }

  @Test
  void historySurvivesARestartAndTheTimeDownCountsInNoStatus() {
    Running first = start();
    // 22:00–23:00 operational, 23:00–23:30 major outage (first seen by the 23:00 evaluation), every minute
    for (int m = 1; m < 60; m++) {
      step(first.evaluator(), Duration.ofMinutes(1));
    }
    inputs.set(Fixtures.checkoutBurning(20));
    for (int m = 60; m <= 90; m++) {
      step(first.evaluator(), Duration.ofMinutes(1));
    }
    first.stop();

    clock.add(Duration.ofHours(1)); // down from 23:30 to 00:30
    inputs.set(Fixtures.healthy());
    Running second = start();
    StatusSnapshot s = second.evaluator().latest();
    List<DailyStatus> h = s.history("checkout");
    DailyStatus yesterday = h.get(88);
    assertThat(yesterday.day()).isEqualTo(java.time.LocalDate.parse("2026-03-02"));
    assertThat(yesterday.minutes(ComponentStatus.OPERATIONAL)).isEqualTo(60);
    assertThat(yesterday.minutes(ComponentStatus.MAJOR_OUTAGE)).isEqualTo(30);
    assertThat(h.get(89).observedMillis()).isZero();
    for (int m = 1; m <= 10; m++) {
      s = step(second.evaluator(), Duration.ofMinutes(1));
    }
    assertThat(s.history("checkout").get(89).minutes(ComponentStatus.OPERATIONAL)).isEqualTo(10);
    assertThat(s.history("checkout").get(88)).isEqualTo(yesterday);
    second.stop();
  }

  @Test
  void overrideWinsUntilItsExpiryIsAuditedAndSurvivesARestart() {
    Running first = start();
    await(first.evaluator().setOverride("search", ComponentStatus.PARTIAL_OUTAGE, "EU errors reported", "alice",
        T0.plus(Duration.ofMinutes(30))));
    ComponentState c = first.evaluator().latest().component("search").orElseThrow();
    assertThat(c.status()).isEqualTo(ComponentStatus.PARTIAL_OUTAGE);
    assertThat(c.reason().rule()).isEqualTo(StatusRule.OVERRIDE);
    first.stop();

    Running second = start();
    assertThat(second.evaluator().latest().component("search").orElseThrow().status())
        .isEqualTo(ComponentStatus.PARTIAL_OUTAGE);
    step(second.evaluator(), Duration.ofMinutes(29));
    assertThat(second.evaluator().latest().component("search").orElseThrow().status())
        .isEqualTo(ComponentStatus.PARTIAL_OUTAGE);
    StatusSnapshot after = step(second.evaluator(), Duration.ofMinutes(1));
    assertThat(after.component("search").orElseThrow().status()).isEqualTo(ComponentStatus.OPERATIONAL);
    List<OverrideChange> audit = await(second.evaluator().overrideChanges("search", 10));
    assertThat(audit).extracting(OverrideChange::action)
        .containsExactly(OverrideChange.Action.EXPIRED, OverrideChange.Action.SET);
    assertThat(audit.get(1).by()).isEqualTo("alice");
    assertThat(audit.get(1).before()).isNull();
    assertThat(audit.get(1).after().reason()).isEqualTo("EU errors reported");
    assertThat(audit.get(0).before()).isEqualTo(audit.get(1).after());
    assertThat(await(second.store().overrides())).isEmpty();
    second.stop();
  }

  @Test
  void clearingAnOverrideIsAuditedAndUnknownComponentsAreRefused() {
    Running r = start();
    await(r.evaluator().setOverride("checkout", ComponentStatus.MAJOR_OUTAGE, "payments down", "alice",
        T0.plus(Duration.ofHours(1))));
    assertThat(await(r.evaluator().clearOverride("checkout", "bob"))).isPresent();
    assertThat(r.evaluator().latest().component("checkout").orElseThrow().status())
        .isEqualTo(ComponentStatus.OPERATIONAL);
    assertThat(await(r.evaluator().clearOverride("checkout", "bob"))).isEmpty();
    assertThat(await(r.evaluator().overrideChanges("checkout", 10))).extracting(OverrideChange::action, OverrideChange::by)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(OverrideChange.Action.CLEARED, "bob"),
            org.assertj.core.groups.Tuple.tuple(OverrideChange.Action.SET, "alice"));
    assertThatThrownBy(() -> await(r.evaluator().setOverride("nope", ComponentStatus.MAJOR_OUTAGE, "x", "alice",
        T0.plus(Duration.ofHours(1))))).isInstanceOf(UnknownComponentException.class);
    assertThatThrownBy(() -> await(r.evaluator().setOverride("checkout", ComponentStatus.MAJOR_OUTAGE, "x", "alice",
        T0.minusSeconds(1)))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expiresAt");
    r.stop();
  }
}
