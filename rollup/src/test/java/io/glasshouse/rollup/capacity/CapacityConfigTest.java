package io.glasshouse.rollup.capacity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.glasshouse.rollup.forecast.Forecaster;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class CapacityConfigTest {
  private static JsonObject indicator(String name) {
    return new JsonObject().put("name", name).put("service", "api").put("metric", "disk_used_bytes").put("fn", "max")
        .put("capacity", new JsonObject().put("absolute", 100));
  }

  private static JsonObject section(JsonObject... indicators) {
    return new JsonObject().put("indicators", new JsonArray(java.util.List.of((Object[]) indicators)));
  }

  @Test
  void defaultsWhenTheSectionIsMissing() {
    CapacityConfig c = CapacityConfig.fromJson(null);
    assertThat(c.refreshInterval()).isEqualTo(Duration.ofMinutes(5));
    assertThat(c.history()).isEqualTo(Duration.ofDays(30));
    assertThat(c.indicators()).isEmpty();
    assertThat(c.stepFor()).isEqualTo(Duration.ofMinutes(5));
  }

  @Test
  void readsEveryKey() {
    JsonObject ind = indicator("api-conn").put("fn", "p99").put("match", "pool=\"main\"")
        .put("capacity", new JsonObject().put("per-instance", 200)).put("target-utilisation", 0.7)
        .put("unit", "connections");
    CapacityConfig c = CapacityConfig.fromJson(section(ind).put("refresh-interval", "1m").put("history", "90d")
        .put("horizons", new JsonArray().add("1d")));
    CapacityIndicator i = c.indicators().get(0);
    assertThat(i.fn()).isEqualTo("p99");
    assertThat(i.matchers()).hasSize(1);
    assertThat(i.capacity().kind()).isEqualTo(CapacityIndicator.Capacity.Kind.PER_INSTANCE);
    assertThat(i.capacity().total(3)).isEqualTo(600);
    assertThat(i.targetUtilisation()).isEqualTo(0.7);
    assertThat(i.unit()).contains("connections");
    assertThat(i.aggregation().q()).isEqualTo(0.99);
    assertThat(c.refreshInterval()).isEqualTo(Duration.ofMinutes(1));
    assertThat(c.horizons()).startsWith(Forecaster.DEFAULT_HORIZONS.toArray(Duration[]::new))
        .endsWith(Duration.ofDays(1));
    assertThat(c.stepFor()).isEqualTo(Duration.ofMinutes(15));
    assertThat(CapacityConfig.fromJson(section(indicator("a"))).indicators().get(0).targetUtilisation())
        .isEqualTo(0.8);
  }

  @Test
  void badTargetUtilisationNamesTheKey() {
    JsonObject bad = indicator("c").put("target-utilisation", 1.5);
    assertThatThrownBy(() -> CapacityConfig.fromJson(section(indicator("a"), indicator("b"), bad)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("capacity.indicators[2].target-utilisation must be between 0 and 1, got 1.5");
  }

  @Test
  void otherBadDefinitionsNameTheirKey() {
    assertThatThrownBy(() -> CapacityConfig.fromJson(section(indicator("a").put("fn", "median"))))
        .hasMessageStartingWith("capacity.indicators[0].fn");
    assertThatThrownBy(() -> CapacityConfig.fromJson(section(indicator("a").put("fn", "quantile"))))
        .hasMessageStartingWith("capacity.indicators[0].q");
    assertThatThrownBy(() -> CapacityConfig.fromJson(section(indicator("a").put("match", "status=~"))))
        .hasMessageStartingWith("capacity.indicators[0].match");
    assertThatThrownBy(() -> CapacityConfig.fromJson(section(indicator("a").put("capacity",
        new JsonObject().put("absolute", 1).put("per-instance", 2)))))
        .hasMessageStartingWith("capacity.indicators[0].capacity must be exactly one of");
    assertThatThrownBy(() -> CapacityConfig.fromJson(section(indicator("a").put("capacity",
        new JsonObject().put("per-instance", -2)))))
        .hasMessageStartingWith("capacity.indicators[0].capacity.per-instance must be a positive number");
    JsonObject noCapacity = indicator("a");
    noCapacity.remove("capacity");
    assertThatThrownBy(() -> CapacityConfig.fromJson(section(noCapacity)))
        .hasMessageStartingWith("capacity.indicators[0].capacity is required");
    JsonObject noService = indicator("a");
    noService.remove("service");
    assertThatThrownBy(() -> CapacityConfig.fromJson(section(noService)))
        .hasMessage("capacity.indicators[0].service is required");
    assertThatThrownBy(() -> CapacityConfig.fromJson(section(indicator("a"), indicator("a"))))
        .hasMessageStartingWith("capacity.indicators[1].name 'a' is used by another indicator");
    assertThatThrownBy(() -> CapacityConfig.fromJson(section(indicator("a b"))))
        .hasMessageStartingWith("capacity.indicators[0].name may use only");
    assertThatThrownBy(() -> CapacityConfig.fromJson(section(indicator("a").put("target", 0.5))))
        .hasMessageStartingWith("capacity.indicators[0].target is not a known key");
    assertThatThrownBy(() -> CapacityConfig.fromJson(new JsonObject().put("history", "soon")))
        .hasMessageStartingWith("capacity.history");
    assertThatThrownBy(() -> CapacityConfig.fromJson(new JsonObject().put("horizons", new JsonArray().add("0m"))))
        .hasMessageStartingWith("capacity.horizons[0]");
  }
}
