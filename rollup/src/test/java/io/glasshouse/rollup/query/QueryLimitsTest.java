package io.glasshouse.rollup.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.glasshouse.rollup.engine.RollupConfig;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class QueryLimitsTest {
  @Test
  void limitsAreReadFromTheRollupSectionWhichAcceptsTheirKeys() {
    JsonObject rollup = new JsonObject().put("query-max-cells", 5000).put("query-max-points", 700)
        .put("late-window", "30m");
    assertThat(QueryLimits.fromJson(rollup)).isEqualTo(new QueryLimits(5000, 700));
    assertThat(RollupConfig.fromJson(rollup).lateWindow()).hasMinutes(30);
    assertThat(QueryLimits.fromJson(null)).isEqualTo(QueryLimits.defaults());
  }

  @Test
  void aLimitBelowOneIsRefusedNamingTheKey() {
    assertThatThrownBy(() -> QueryLimits.fromJson(new JsonObject().put("query-max-points", 0)))
        .hasMessageContaining("rollup.query-max-points must be at least 1");
    assertThatThrownBy(() -> RollupConfig.fromJson(new JsonObject().put("query-max-cels", 1)))
        .hasMessageContaining("unknown key rollup.query-max-cels").hasMessageContaining("query-max-cells");
  }
}
