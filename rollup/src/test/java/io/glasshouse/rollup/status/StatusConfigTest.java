package io.glasshouse.rollup.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.glasshouse.rollup.config.FieldError;
import io.glasshouse.rollup.config.InvalidConfigException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatusConfigTest {
  @Test
  void defaultsAndComponentsFromTheSection() {
    StatusConfig c = StatusConfig.fromJson(new JsonObject().put("improve-after", "5m").put("items", new JsonArray()
        .add(new JsonObject().put("id", "checkout").put("name", "Checkout").put("group", "APIs")
            .put("services", new JsonArray().add("checkout")).put("slos", new JsonArray().add("co-avail")))
        .add(new JsonObject().put("id", "billing").put("public", false))));
    assertThat(c.improveAfter()).isEqualTo(Duration.ofMinutes(5));
    assertThat(c.evaluateEvery()).isEqualTo(Duration.ofSeconds(10));
    assertThat(c.fastBurn()).isEqualTo(14.4);
    assertThat(c.slowBurn()).isEqualTo(6);
    assertThat(c.weights()).isEqualTo(UptimeWeights.DEFAULT);
    assertThat(c.components()).containsExactly(
        new ComponentDefinition("checkout", "Checkout", "", "APIs", 0, true, List.of("checkout"), List.of("co-avail")),
        new ComponentDefinition("billing", "billing", "", "", 1, false, List.of(), List.of()));
    assertThat(StatusConfig.fromJson(new JsonObject().put("uptime-weights",
        new JsonObject().put("partial_outage", 0.5))).weights()).isEqualTo(new UptimeWeights(1, 0.5, 0));
  }

  @Test
  void badValuesNameTheKey() {
    assertThatThrownBy(() -> StatusConfig.fromJson(new JsonObject().put("improve", "5m")))
        .hasMessageContaining("components.improve");
    assertThatThrownBy(() -> StatusConfig.fromJson(new JsonObject().put("uptime-weights",
        new JsonObject().put("partial_outage", 2)))).hasMessageContaining("components.uptime-weights.partial_outage");
    assertThatThrownBy(() -> StatusConfig.fromJson(new JsonObject().put("burn-1h-5m", "fast")))
        .hasMessageContaining("components.burn-1h-5m");
    assertThatThrownBy(() -> StatusConfig.fromJson(new JsonObject().put("history-retention", "30d")))
        .hasMessageContaining("components.history-retention");
    assertThatThrownBy(() -> StatusConfig.fromJson(new JsonObject().put("items", new JsonArray()
        .add(new JsonObject().put("id", "Check Out"))))).hasMessageContaining("components.items[0].id");
    assertThatThrownBy(() -> StatusConfig.fromJson(new JsonObject().put("items", new JsonArray()
        .add(new JsonObject().put("id", "a")).add(new JsonObject().put("id", "a")))))
        .hasMessageContaining("components.items[1].id");
    assertThatThrownBy(() -> StatusConfig.fromJson(new JsonObject().put("items", new JsonArray()
        .add(new JsonObject().put("id", "a").put("services", "checkout")))))
        .hasMessageContaining("components.items[0].services");
  }

  @Test
  void aBadFileComponentAndABadApiComponentNameTheSameFields() {
    JsonObject bad = new JsonObject().put("id", "checkout").put("name", "Checkout").put("position", -1)
        .put("public", "yes").put("services", "checkout").put("colour", "red");
    List<String> api = fields(() -> ComponentDefinitionKind.INSTANCE.fromJson(bad.copy()));
    List<String> file = fields(() -> StatusConfig.fromJson(new JsonObject().put("items", new JsonArray()
        .add(new JsonObject().put("id", "ok")).add(bad.copy()))));
    assertThat(api).contains("position", "public", "services", "colour");
    assertThat(file).containsExactlyElementsOf(api.stream().map(f -> "components.items[1]." + f).toList());
  }

  private static List<String> fields(Runnable read) {
    try {
      read.run();
    } catch (InvalidConfigException e) {
      return e.errors().stream().map(FieldError::field).toList();
    }
    throw new AssertionError("no InvalidConfigException");
  }
}
