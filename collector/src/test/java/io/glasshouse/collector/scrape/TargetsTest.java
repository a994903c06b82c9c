package io.glasshouse.collector.scrape;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Target labels and URLs as Prometheus builds them from discovery and {@code relabel_configs}. */
class TargetsTest {
  @Test
  void instanceDefaultsToTheAddressAndMetaLabelsAreDroppedAfterRelabelling() {
    ScrapeJob job = ScrapeSettingsTest.parse("""
        scrape_configs:
          - job_name: api
            relabel_configs:
              - source_labels: [__meta_filepath]
                regex: '.*/(.*)\\.json'
                target_label: source
              - {regex: '__meta_(zone)', action: labelmap}
        """).job("api");
    ScrapeTarget t = Targets.build(job, "10.0.0.1:8080", Map.of("__meta_filepath", "/etc/sd/prod.json",
        "__meta_zone", "a", "__tmp_x", "y", "team", "pay"));
    assertThat(t.url().toString()).isEqualTo("http://10.0.0.1:8080/metrics");
    assertThat(t.labels()).isEqualTo(Map.of("job", "api", "instance", "10.0.0.1:8080", "source", "prod",
        "zone", "a", "team", "pay"));
    assertThat(t.service()).isEqualTo("api");
  }

  @Test
  void schemePathAndParamsComeFromRelabelledLabelsAsInTheBlackboxExample() {
    ScrapeJob job = ScrapeSettingsTest.parse("""
        scrape_configs:
          - job_name: blackbox
            metrics_path: /probe
            params: {module: [http_2xx]}
            relabel_configs:
              - {source_labels: [__address__], target_label: __param_target}
              - {source_labels: [__param_target], target_label: instance}
              - {target_label: __address__, replacement: '127.0.0.1:9115'}
        """).job("blackbox");
    ScrapeTarget t = Targets.build(job, "https://example.com", Map.of());
    assertThat(t.url().toString())
        .isEqualTo("http://127.0.0.1:9115/probe?module=http_2xx&target=https%3A%2F%2Fexample.com");
    assertThat(t.instance()).isEqualTo("https://example.com");
  }

  @Test
  void droppedTargetsAndDefaultPorts() {
    ScrapeJob job = ScrapeSettingsTest.parse("""
        scrape_configs:
          - job_name: api
            scheme: https
            relabel_configs:
              - {source_labels: [env], regex: prod, action: keep}
        """).job("api");
    assertThat(Targets.build(job, "a.internal", Map.of("env", "dev"))).isNull();
    ScrapeTarget t = Targets.build(job, "a.internal", Map.of("env", "prod"));
    assertThat(t.url().toString()).isEqualTo("https://a.internal:443/metrics");
    assertThat(t.instance()).isEqualTo("a.internal:443");
  }

  @Test
  void aServiceLabelSetByRelabellingNamesTheServiceAndKeepsJob() {
    ScrapeJob job = ScrapeSettingsTest.parse("""
        scrape_configs:
          - job_name: node
            relabel_configs:
              - {source_labels: [app], target_label: service}
        """).job("node");
    ScrapeTarget t = Targets.build(job, "h:9100", Map.of("app", "checkout"));
    assertThat(t.service()).isEqualTo("checkout");
    assertThat(t.labels()).containsEntry("job", "node");
  }
}
