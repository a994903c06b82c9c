package io.glasshouse.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.glasshouse.rollup.slo.SloDefinition;
import io.glasshouse.rollup.slo.SloWindow;
import io.glasshouse.server.config.GlasshouseConfig;
import io.glasshouse.server.config.SloSettings;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** --demo defines SLOs for its services: availability and latency, rolling 30 d and calendar month. */
class DemoSlosTest {
  @Test
  void demoDefinesAvailabilityAndLatencySlosRollingAndCalendar() {
    GlasshouseConfig c = GlasshouseConfig.load(null, Map.of());
    DemoHook.applyDefaults(c);
    var defs = SloSettings.fromConfig(c).definitions();
    assertThat(defs).extracting(SloDefinition::service).contains("checkout", "search", "accounts");
    assertThat(defs).anySatisfy(d -> assertThat(d.window()).isInstanceOf(SloWindow.Rolling.class));
    assertThat(defs).anySatisfy(d -> assertThat(d.window()).isInstanceOf(SloWindow.Calendar.class));
    assertThat(defs).extracting(d -> d.labels().get("kind")).contains("availability", "latency");
  }
}
