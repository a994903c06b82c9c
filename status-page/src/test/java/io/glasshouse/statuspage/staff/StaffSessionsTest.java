package io.glasshouse.statuspage.staff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.glasshouse.rollup.access.Scope;
import io.glasshouse.rollup.time.ManualClock;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StaffSessionsTest {
  final ManualClock clock = new ManualClock(Instant.parse("2026-11-01T00:00:00Z"));

  @Test
  void aSessionLastsItsTtlFromLogin() {
    StaffSessions s = new StaffSessions(clock, Duration.ofHours(1), 10);
    String id = s.start("oncall", Set.of(Scope.READ)).id();
    assertThat(s.find(id)).hasValueSatisfying(x -> assertThat(x.tokenName()).isEqualTo("oncall"));
    clock.add(Duration.ofMinutes(59));
    assertThat(s.find(id)).isPresent();
    clock.add(Duration.ofMinutes(1));
    assertThat(s.find(id)).isEmpty();
    assertThat(s.size()).isZero();
  }

  @Test
  void theStoreIsBoundedDroppingExpiredThenOldestSessions() {
    StaffSessions s = new StaffSessions(clock, Duration.ofHours(1), 3);
    String a = s.start("a", Set.of(Scope.READ)).id();
    clock.add(Duration.ofMinutes(30));
    String b = s.start("b", Set.of(Scope.READ)).id();
    String c = s.start("c", Set.of(Scope.READ)).id();
    String d = s.start("d", Set.of(Scope.READ)).id(); // full: the oldest (a) goes
    assertThat(s.size()).isEqualTo(3);
    assertThat(s.find(a)).isEmpty();
    assertThat(s.find(b)).isPresent();
    clock.add(Duration.ofMinutes(31)); // nothing expired yet: b, c, d started 30 min in
    String e = s.start("e", Set.of(Scope.READ)).id();
    assertThat(s.find(b)).isEmpty();
    assertThat(s.find(c)).isPresent();
    assertThat(s.find(d)).isPresent();
    assertThat(s.find(e)).isPresent();
  }

  @Test
  void idsAreRandomAndEndedSessionsAreGone() {
    StaffSessions s = new StaffSessions(clock, Duration.ofHours(1), 10);
    String one = s.start("x", Set.of(Scope.READ)).id();
    String two = s.start("x", Set.of(Scope.READ)).id();
    assertThat(one).isNotEqualTo(two).hasSize(43);
    s.end(one);
    assertThat(s.find(one)).isEmpty();
    assertThat(s.find(two)).isPresent();
    assertThat(s.find(null)).isEmpty();
    assertThat(s.find("x".repeat(500))).isEmpty();
  }

  @Test
  void optionsNameTheBadKey() {
    assertThat(StaffOptions.fromJson(new JsonObject().put("session-ttl", "2h").put("max-sessions", "50")
        .put("trust-forwarded-proto", "true"))).isEqualTo(new StaffOptions("Glasshouse", Duration.ofHours(2), 50,
        true));
    assertThatThrownBy(() -> StaffOptions.fromJson(new JsonObject().put("session-ttl", "10s")))
        .hasMessageStartingWith("staff.session-ttl");
    assertThatThrownBy(() -> StaffOptions.fromJson(new JsonObject().put("max-sessions", 0)))
        .hasMessageStartingWith("staff.max-sessions");
    assertThatThrownBy(() -> StaffOptions.fromJson(new JsonObject().put("cookie", "x")))
        .hasMessageStartingWith("staff.cookie: unknown key");
  }
}
