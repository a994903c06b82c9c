package io.glasshouse.server.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import io.glasshouse.rollup.engine.RollupConfig;
import io.glasshouse.server.config.GlasshouseConfig;
import io.glasshouse.server.config.SloSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 9: a configuration whose hour retention is shorter than a calendar SLO's period is warned about at start,
 * naming both settings; the defaults are not.
 */
class SloRetentionWarningTest {
  @TempDir
  Path dir;

  private GlasshouseConfig load(String rollup) throws Exception {
    Path f = dir.resolve("glasshouse.yaml");
    Files.writeString(f, rollup + """
        slos:
          - name: checkout-quarter
            service: checkout
            target: 0.999
            sli:
              ratio:
                bad: 'http_server_requests{status=~"5.."}'
                total: http_server_requests
            window: {calendar: quarter, time-zone: Europe/Berlin}
        """);
    return GlasshouseConfig.load(f, Map.of());
  }

  @Test
  void anHourRetentionShorterThanACalendarQuarterIsWarnedNamingBothSettings() throws Exception {
    GlasshouseConfig c = load("""
        rollup:
          retention: {hours: 90d}
        """);
    var warnings = SloWiring.retentionWarnings(RollupConfig.fromJson(c.section("rollup")), SloSettings.fromConfig(c));
    assertThat(warnings).singleElement().asString().contains("rollup.retention.hours (90d)")
        .contains("SLO 'checkout-quarter'").contains("calendar quarter in Europe/Berlin");
  }

  @Test
  void theDefaultHourRetentionRaisesNoWarning() throws Exception {
    GlasshouseConfig c = load("");
    assertThat(SloWiring.retentionWarnings(RollupConfig.fromJson(c.section("rollup")), SloSettings.fromConfig(c)))
        .isEmpty();
  }
}
