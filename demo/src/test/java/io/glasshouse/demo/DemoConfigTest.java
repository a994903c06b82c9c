package io.glasshouse.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class DemoConfigTest {

  @Test
  void defaultsAndFastDayAreValid() {
    assertThat(DemoConfig.defaults().validate()).isEmpty();
    assertThat(DemoConfig.fastDay().validate()).isEmpty();
    assertThat(DemoConfig.defaults().dayLength()).isEqualTo(Duration.ofHours(24));
    assertThat(DemoConfig.defaults().step()).isEqualTo(Duration.ofSeconds(10));
    assertThat(DemoConfig.defaults().services()).hasSizeGreaterThanOrEqualTo(3);
    assertThat(DemoConfig.fastDay().dayLength()).isLessThan(Duration.ofHours(1));
  }

  @Test
  void fromJsonReadsKebabCaseKeysAndDurations() {
    DemoConfig c = DemoConfig.fromJson(new JsonObject()
        .put("services", new JsonArray().add("checkout").add("search").add("billing"))
        .put("instances-per-service", 4)
        .put("step", "5s")
        .put("tick", "250ms")
        .put("seed", 99)
        .put("churn-interval", "PT2M")
        .put("incident-probability", 0.5)
        .put("incident-duration", 90)
        .put("day-length", "1h")
        .put("regions", new JsonArray().add("ap-south-1"))
        .put("ingest-token", "t0k"));
    assertThat(c).isEqualTo(new DemoConfig(List.of("checkout", "search", "billing"), 4, Duration.ofSeconds(5),
        Duration.ofMillis(250), 99, Duration.ofMinutes(2), 0.5, Duration.ofSeconds(90), Duration.ofHours(1),
        List.of("ap-south-1"), "t0k"));
  }

  @Test
  void fromJsonKeepsDefaultsForAbsentKeys() {
    assertThat(DemoConfig.fromJson(new JsonObject())).isEqualTo(DemoConfig.defaults());
    assertThat(DemoConfig.fromJson(null)).isEqualTo(DemoConfig.defaults());
    assertThat(DemoConfig.fromJson(new JsonObject().put("churn-interval", "0s")).churnInterval()).isZero();
  }

  @Test
  void fromJsonNamesUnknownKeysAndBadValues() {
    assertThatThrownBy(() -> DemoConfig.fromJson(new JsonObject().put("instances", 3).put("step", "soon")
        .put("instances-per-service", "many")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("demo.instances is not a known key")
        .hasMessageContaining("demo.step must be a duration")
        .hasMessageContaining("demo.instances-per-service must be a whole number");
    assertThatThrownBy(() -> DemoConfig.fromJson(new JsonObject().put("instances-per-service", 0)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("demo.instances-per-service must be between 1 and 50, was 0");
  }

  @Test
  void validateNamesEveryBadKey() {
    DemoConfig bad = DemoConfig.defaults().withServices(List.of("checkout", "Checkout!", "checkout"))
        .withInstancesPerService(0).withStep(Duration.ZERO).withIncidentProbability(1.5)
        .withChurnInterval(Duration.ofMillis(-1)).withDayLength(Duration.ZERO).withRegions(List.of())
        .withIngestToken(" ");
    assertThat(String.join("\n", bad.validate()))
        .contains("demo.services: 'Checkout!' is not a service name")
        .contains("demo.services: 'checkout' is listed twice")
        .contains("demo.instances-per-service")
        .contains("demo.step")
        .contains("demo.incident-probability")
        .contains("demo.churn-interval")
        .contains("demo.day-length")
        .contains("demo.regions")
        .contains("demo.ingest-token");
    assertThatThrownBy(bad::requireValid).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("demo.step");
  }

  @Test
  void durationsComeInSeveralSpellings() {
    assertThat(DemoConfig.parseDuration("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(DemoConfig.parseDuration("10s")).isEqualTo(Duration.ofSeconds(10));
    assertThat(DemoConfig.parseDuration("1.5m")).isEqualTo(Duration.ofSeconds(90));
    assertThat(DemoConfig.parseDuration("24h")).isEqualTo(Duration.ofHours(24));
    assertThat(DemoConfig.parseDuration("2d")).isEqualTo(Duration.ofDays(2));
    assertThat(DemoConfig.parseDuration("PT10S")).isEqualTo(Duration.ofSeconds(10));
    assertThat(DemoConfig.parseDuration(2.5)).isEqualTo(Duration.ofMillis(2500));
    assertThat(DemoConfig.parseDuration("30")).isEqualTo(Duration.ofSeconds(30));
    assertThat(DemoConfig.parseDuration("soon")).isNull();
    assertThat(DemoConfig.parseDuration("NaN")).isNull();
  }
}
