package io.glasshouse.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.glasshouse.rollup.slo.SloDefinitionException;
import io.glasshouse.rollup.slo.SloWindow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SloSettingsTest {
  @TempDir
  Path dir;

  private GlasshouseConfig load(String yaml) throws Exception {
    Path f = dir.resolve("glasshouse.yaml");
    Files.writeString(f, yaml);
    return GlasshouseConfig.load(f, Map.of());
  }

  @Test
  void slosSectionLoadsFromTheConfigFile() throws Exception {
    SloSettings s = SloSettings.fromConfig(load("""
        slo:
          refresh: 30s
        slos:
          - name: checkout-availability
            service: checkout
            target: 0.999
            sli:
              ratio:
                bad: 'http_server_requests{status=~"5.."}'
                total: http_server_requests
            window: {rolling: 30d}
          - name: checkout-latency
            service: checkout
            target: 0.99
            sli: {latency: {metric: http_server_requests, threshold: 0.25}}
            window: {calendar: month, time-zone: Europe/Berlin}
        """));
    assertThat(s.refresh()).isEqualTo(Duration.ofSeconds(30));
    assertThat(s.forecastRefresh()).isEqualTo(Duration.ofMinutes(15));
    assertThat(s.definitions()).hasSize(2);
    assertThat(s.definitions().get(1).window()).isInstanceOf(SloWindow.Calendar.class);
  }

  @Test
  void noSlosSectionMeansNoSlosAndTheDefaultRefresh() throws Exception {
    SloSettings s = SloSettings.fromConfig(load("server: {port: 8080}\n"));
    assertThat(s.definitions()).isEmpty();
    assertThat(s.refresh()).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void badEntriesNameTheirIndexAndField() throws Exception {
    GlasshouseConfig c = load("""
        slos:
          - {name: a, service: s, target: 0.9, sli: {gauge: {metric: up}}, window: {rolling: 7d}}
          - {name: b, service: s, target: 0.9, sli: {ratio: {good: 'x{', total: x}}, window: {rolling: 7d}}
        """);
    assertThatThrownBy(() -> SloSettings.fromConfig(c)).isInstanceOfSatisfying(SloDefinitionException.class,
        e -> assertThat(e.field()).isEqualTo("slos[1].sli.ratio.good"));
    GlasshouseConfig dup = load("""
        slos:
          - {name: a, service: s, target: 0.9, sli: {gauge: {metric: up}}, window: {rolling: 7d}}
          - {name: a, service: t, target: 0.9, sli: {gauge: {metric: up}}, window: {rolling: 7d}}
        """);
    assertThatThrownBy(() -> SloSettings.fromConfig(dup)).hasMessageContaining("slos[1].name")
        .hasMessageContaining("used twice");
    assertThatThrownBy(() -> load("slos: {name: a}\n")).hasMessageContaining("'slos' must be a list");
    assertThatThrownBy(() -> SloSettings.fromConfig(load("slo: {every: 5s}\n")))
        .hasMessageContaining("slo.every is not a known key");
  }
}
