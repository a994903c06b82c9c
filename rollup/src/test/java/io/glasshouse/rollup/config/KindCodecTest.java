package io.glasshouse.rollup.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.glasshouse.rollup.capacity.CapacityIndicator;
import io.glasshouse.rollup.capacity.CapacityIndicatorKind;
import io.glasshouse.rollup.status.ComponentDefinition;
import io.glasshouse.rollup.status.ComponentDefinitionKind;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/** The kinds this change adds read what they write, and name the field at fault. */
class KindCodecTest {
  @Test
  void componentRoundTripsWithDefaults() {
    ComponentDefinitionKind k = ComponentDefinitionKind.INSTANCE;
    ComponentDefinition c = k.fromJson(new JsonObject().put("id", "checkout-api").put("name", "Checkout API")
        .put("slos", new JsonArray().add("checkout-availability")));
    assertThat(c.isPublic()).isTrue();
    assertThat(c.position()).isZero();
    assertThat(k.fromJson(k.toJson(c))).isEqualTo(c);
    assertThat(k.id(c)).isEqualTo("checkout-api");
  }

  @Test
  void componentErrorsNameEachField() {
    assertThatThrownBy(() -> ComponentDefinitionKind.INSTANCE.fromJson(new JsonObject().put("id", "-bad")
        .put("name", 3).put("public", "yes")))
        .isInstanceOfSatisfying(InvalidConfigException.class, e -> assertThat(e.errors())
            .extracting(FieldError::field).containsExactly("id", "name", "public"));
  }

  @Test
  void capacityIndicatorRoundTripsEveryShape() {
    CapacityIndicatorKind k = CapacityIndicatorKind.INSTANCE;
    for (JsonObject spec : new JsonObject[] {
        new JsonObject().put("name", "disk").put("service", "api").put("metric", "disk_used_bytes").put("fn", "max")
            .put("match", "mount=\"/data\"").put("capacity", new JsonObject().put("absolute", 5e11))
            .put("target-utilisation", 0.7).put("unit", "bytes"),
        new JsonObject().put("name", "lat").put("service", "api").put("metric", "http").put("fn", "quantile")
            .put("q", 0.95).put("capacity", new JsonObject().put("per-instance", 2)),
        new JsonObject().put("name", "fast").put("service", "api").put("metric", "http").put("fn", "fraction_le")
            .put("threshold", 0.25).put("capacity", new JsonObject().put("absolute", 1))}) {
      CapacityIndicator i = k.fromJson(spec);
      CapacityIndicator again = k.fromJson(k.toJson(i));
      assertThat(k.toJson(again)).isEqualTo(k.toJson(i));
      assertThat(again.aggregation()).isEqualTo(i.aggregation());
    }
  }

  @Test
  void capacityIndicatorErrorsNameTheField() {
    JsonObject ok = new JsonObject().put("name", "disk").put("service", "api").put("metric", "m").put("fn", "max")
        .put("capacity", new JsonObject().put("absolute", 1));
    assertThat(field(ok.copy().put("capacity", new JsonObject().put("absolute", -1)))).isEqualTo("capacity.absolute");
    assertThat(field(ok.copy().put("q", 0.5))).isEqualTo("q");
    assertThat(field(ok.copy().put("colour", "red"))).isEqualTo("colour");
    assertThat(field(ok.copy().put("name", "a b"))).isEqualTo("name");
    ok.remove("service");
    assertThat(field(ok)).isEqualTo("service");
  }

  private static String field(JsonObject spec) {
    try {
      CapacityIndicatorKind.INSTANCE.fromJson(spec);
    } catch (InvalidConfigException e) {
      assertThat(e.errors()).hasSize(1);
      assertThat(e.getMessage()).doesNotStartWith("indicator.");
      return e.errors().get(0).field();
    }
    throw new AssertionError("accepted " + spec);
  }
}
