package io.glasshouse.collector.scrape;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code scrape:} section takes a pasted Prometheus {@code scrape_configs} and refuses what it cannot do. */
class ScrapeSettingsTest {
  @SuppressWarnings("unchecked")
  static ScrapeSettings parse(String yaml) {
    try {
      return ScrapeSettings.fromJson(new JsonObject(new YAMLMapper().readValue(yaml, Map.class)));
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void aPastedPrometheusScrapeConfigIsTakenWithPrometheusDefaults() {
    ScrapeSettings s = parse("""
        global:
          scrape_interval: 15s
          scrape_timeout: 5s
        scrape_configs:
          - job_name: node
            static_configs:
              - targets: ['10.0.0.1:9100', '10.0.0.2:9100']
                labels: {zone: a}
          - job_name: blackbox
            scrape_interval: 1m
            scrape_timeout: 20s
            metrics_path: /probe
            scheme: https
            params: {module: [http_2xx]}
            honor_labels: true
            body_size_limit: 10MB
            sample_limit: 5000
            file_sd_configs:
              - files: ['targets/*.json']
                refresh_interval: 30s
            http_sd_configs:
              - url: http://sd.internal/targets
            relabel_configs:
              - source_labels: [__address__]
                target_label: __param_target
            metric_relabel_configs:
              - source_labels: [__name__]
                regex: go_.*
                action: drop
        """);
    ScrapeJob node = s.job("node");
    assertThat(node.interval()).isEqualTo(Duration.ofSeconds(15));
    assertThat(node.timeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(node.metricsPath()).isEqualTo("/metrics");
    assertThat(node.scheme()).isEqualTo("http");
    assertThat(node.honorLabels()).isFalse();
    assertThat(node.staticConfigs()).containsExactly(new TargetGroup(List.of("10.0.0.1:9100", "10.0.0.2:9100"),
        Map.of("zone", "a")));
    ScrapeJob bb = s.job("blackbox");
    assertThat(bb.interval()).isEqualTo(Duration.ofMinutes(1));
    assertThat(bb.timeout()).isEqualTo(Duration.ofSeconds(20));
    assertThat(bb.params()).containsEntry("module", List.of("http_2xx"));
    assertThat(bb.honorLabels()).isTrue();
    assertThat(bb.bodySizeLimit()).isEqualTo(10L << 20);
    assertThat(bb.sampleLimit()).isEqualTo(5000);
    assertThat(bb.fileSdConfigs().get(0).refreshInterval()).isEqualTo(Duration.ofSeconds(30));
    assertThat(bb.httpSdConfigs().get(0).refreshInterval()).isEqualTo(Duration.ofMinutes(1));
    assertThat(bb.relabelConfigs()).hasSize(1);
    assertThat(bb.metricRelabelConfigs()).hasSize(1);
  }

  @Test
  void unsupportedFieldsStopStartUpWithOneLineNamingTheField() {
    assertThatThrownBy(() -> parse("""
        scrape_configs:
          - job_name: k8s
            kubernetes_sd_configs: [{role: pod}]
        """)).hasMessageStartingWith("scrape.scrape_configs[0].kubernetes_sd_configs is not supported")
        .hasMessageNotContaining("\n");
    assertThatThrownBy(() -> parse("""
        scrape_configs:
          - job_name: a
            oauth2: {client_id: u}
        """)).hasMessageStartingWith("scrape.scrape_configs[0].oauth2 is not supported");
    assertThatThrownBy(() -> parse("""
        scrape_configs:
          - job_name: a
            static_configs: [{targets: [x], lables: {a: b}}]
        """)).hasMessageStartingWith("scrape.scrape_configs[0].static_configs[0].lables is not supported");
    assertThatThrownBy(() -> parse("global: {evaluation_interval: 1m}"))
        .hasMessageStartingWith("scrape.global.evaluation_interval is not supported");
    assertThatThrownBy(() -> parse("scrape-configs: []")).hasMessageStartingWith("scrape.scrape-configs");
  }

  @Test
  void badValuesAreRefusedNamingTheField() {
    assertThatThrownBy(() -> parse("scrape_configs: [{job_name: a, scrape_interval: 10s, scrape_timeout: 20s}]"))
        .hasMessageContaining("scrape.scrape_configs[0] (job 'a'): scrape_timeout");
    assertThatThrownBy(() -> parse("scrape_configs: [{job_name: a}, {job_name: a}]"))
        .hasMessageContaining("scrape.scrape_configs[1].job_name 'a' is used by an earlier job");
    assertThatThrownBy(() -> parse("scrape_configs: [{scrape_interval: 10s}]"))
        .hasMessageContaining("scrape.scrape_configs[0].job_name is required");
    assertThatThrownBy(() -> parse("scrape_configs: [{job_name: a, scheme: ftp}]"))
        .hasMessageContaining("scrape.scrape_configs[0].scheme must be http or https");
    assertThatThrownBy(() -> parse("scrape_configs: [{job_name: a, scrape_interval: soon}]"))
        .hasMessageContaining("scrape.scrape_configs[0].scrape_interval must be a duration");
    assertThatThrownBy(() -> parse("scrape_configs: [{job_name: a, file_sd_configs: [{files: [t.txt]}]}]"))
        .hasMessageContaining("must end in .json, .yml or .yaml");
    assertThatThrownBy(() -> parse("scrape_configs: [{job_name: a, static_configs: [{labels: {'1x': b}}]}]"))
        .hasMessageContaining("'1x' is not a valid label name");
  }

  @Test
  void aJobIntervalShorterThanTheGlobalTimeoutShortensTheTimeout() {
    ScrapeSettings s = parse("scrape_configs: [{job_name: fast, scrape_interval: 1s}]");
    assertThat(s.job("fast").timeout()).isEqualTo(Duration.ofSeconds(1));
    assertThat(ScrapeSettings.fromJson(null).jobs()).isEmpty();
  }
}
