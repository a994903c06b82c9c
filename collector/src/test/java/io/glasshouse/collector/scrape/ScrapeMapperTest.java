package io.glasshouse.collector.scrape;

import static org.assertj.core.api.Assertions.assertThat;

import io.glasshouse.rollup.sample.MetricKind;
import io.glasshouse.rollup.sample.Sample;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A scrape maps to the samples remote write would give for the series Prometheus stores for it. */
class ScrapeMapperTest {
  static ScrapeOutcome map(String jobYaml, String body) {
    ScrapeJob job = ScrapeSettingsTest.parse(jobYaml).jobs().get(0);
    ScrapeTarget t = Targets.build(job, "10.0.0.1:9100", Map.of("zone", "a"));
    return ScrapeMapper.map(t, TextFormatParser.parse(body), 1_000_000, 0.25);
  }

  static Sample find(List<Sample> samples, String metric) {
    return samples.stream().filter(s -> s.metric().equals(metric)).findFirst().orElseThrow();
  }

  @Test
  void targetLabelsWinAndTheSeriesOwnBecomeExportedUnlessHonorLabels() {
    String body = "# TYPE jobs_total counter\njobs_total{job=\"batch\",zone=\"b\",instance=\"x\"} 5\n";
    ScrapeOutcome o = map("scrape_configs: [{job_name: node}]", body);
    Sample s = find(o.batch().samples(), "jobs_total");
    assertThat(s.kind()).isEqualTo(MetricKind.COUNTER);
    assertThat(s.labels().asMap()).isEqualTo(Map.of("service", "node", "instance", "10.0.0.1:9100", "zone", "a",
        "exported_job", "batch", "exported_zone", "b", "exported_instance", "x"));

    ScrapeOutcome honored = map("scrape_configs: [{job_name: node, honor_labels: true}]", body);
    assertThat(find(honored.batch().samples(), "jobs_total").labels().asMap())
        .isEqualTo(Map.of("service", "batch", "instance", "x", "zone", "b"));
  }

  @Test
  void metricRelabelConfigsDropAndRenameSeries() {
    ScrapeOutcome o = map("""
        scrape_configs:
          - job_name: node
            metric_relabel_configs:
              - {source_labels: [__name__], regex: 'go_.*', action: drop}
              - {source_labels: [__name__], regex: 'old_(.*)', target_label: __name__, replacement: 'new_$1'}
        """, "go_goroutines 7\nold_requests_total 3\n");
    assertThat(o.batch().samples()).extracting(Sample::metric).contains("new_requests_total")
        .doesNotContain("go_goroutines", "old_requests_total");
    assertThat(find(o.batch().samples(), "scrape_samples_scraped").value()).isEqualTo(2);
    assertThat(find(o.batch().samples(), "scrape_samples_post_metric_relabeling").value()).isEqualTo(1);
  }

  @Test
  void moreSeriesThanTheSampleLimitFailTheScrapeAndKeepNothing() {
    ScrapeOutcome o = map("scrape_configs: [{job_name: node, sample_limit: 2}]", "a 1\nb 2\nc 3\n");
    assertThat(o.up()).isFalse();
    assertThat(o.error()).contains("sample_limit");
    assertThat(o.batch().samples()).extracting(Sample::metric)
        .containsExactlyInAnyOrder("up", "scrape_duration_seconds", "scrape_samples_scraped",
            "scrape_samples_post_metric_relabeling");
    assertThat(find(o.batch().samples(), "up").value()).isZero();
  }

  @Test
  void timestampsAreTheExportersUnlessHonorTimestampsIsFalse() {
    String body = "queue_depth 3 1234\n";
    assertThat(find(map("scrape_configs: [{job_name: n}]", body).batch().samples(), "queue_depth").timestampMs())
        .isEqualTo(1234);
    assertThat(find(map("scrape_configs: [{job_name: n, honor_timestamps: false}]", body).batch().samples(),
        "queue_depth").timestampMs()).isEqualTo(1_000_000);
  }

  @Test
  void upAndScrapeSeriesCarryTheTargetLabels() {
    ScrapeOutcome o = map("scrape_configs: [{job_name: node}]", "x 1\n");
    assertThat(find(o.batch().samples(), "up").labels().asMap())
        .isEqualTo(Map.of("service", "node", "instance", "10.0.0.1:9100", "zone", "a"));
    assertThat(find(o.batch().samples(), "up").value()).isEqualTo(1);
  }
}
