package io.glasshouse.rollup.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RollupConfigTest {
  @Test
  void misspelledKeyIsRefusedNamingItInsteadOfSilentlyKeepingTheDefault() {
    assertThatThrownBy(() -> RollupConfig.fromJson(new JsonObject().put("late-windw", "2h")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("rollup.late-windw")
        .hasMessageContaining("late-window");
  }

  @Test
  void knownKeysAreRead() {
    RollupConfig c = RollupConfig.fromJson(new JsonObject().put("late-window", "2h").put("checkpoint-interval", "1s"));

    assertThat(c.lateWindow()).isEqualTo(Duration.ofHours(2));
    assertThat(c.checkpointInterval()).isEqualTo(Duration.ofSeconds(1));
  }
}
