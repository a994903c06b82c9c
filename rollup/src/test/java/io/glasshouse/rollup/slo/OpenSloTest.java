package io.glasshouse.rollup.slo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** The OpenSLO v1 spec's own examples load or are refused with a reason naming what is unsupported. */
class OpenSloTest {

  static String resource(String name) {
    try (InputStream in = OpenSloTest.class.getResourceAsStream("/openslo/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private static void refused(String file, String field, String reason) {
    assertThatThrownBy(() -> OpenSlo.parseYaml(resource(file))).as(file)
        .isInstanceOfSatisfying(SloDefinitionException.class, e -> {
          assertThat(e.field()).isEqualTo(field);
          assertThat(e.detail()).contains(reason);
        });
  }

  @Test
  void specExamplesWithForeignSourcesAreRefusedNamingTheSource() {
    refused("example-occurences-slo.yaml", "documents[0].spec.indicator.thresholdMetric.metricSource.type",
        "metric source type Any is unsupported");
    refused("example-low-traffic-timeslices-slo.yaml",
        "documents[0].spec.indicator.ratioMetric.good.metricSource.type", "type Any is unsupported");
  }

  @Test
  void specExampleWithRatioTimeslicesIsRefused() {
    refused("example-ratio-timeslices.yaml", "documents[0].spec.budgetingMethod", "RatioTimeslices is unsupported");
  }

  @Test
  void specExampleWithAOneMinuteCalendarWindowIsRefusedBecauseMIsMinutes() {
    refused("example-timeslices-slo.yaml", "documents[0].spec.timeWindow[0].duration",
        "a calendar window of 1m is unsupported");
  }

  @Test
  void readmeInlineSliWithoutATimeWindowIsRefused() {
    refused("readme-inline-sli-slo.yaml", "documents[0].spec.timeWindow", "exactly one time window");
  }

  @Test
  void readmeAlertingExamplesLoad() {
    OpenSlo.Documents d = OpenSlo.parseYaml(resource("readme-alerting.yaml"));
    assertThat(d.slos()).isEmpty();
    assertThat(d.alertPolicies()).hasSize(2).allSatisfy(p -> {
      assertThat(p.alertWhenBreaching()).isTrue();
      assertThat(p.conditions()).singleElement().satisfies(c -> {
        assertThat(c.severity()).isEqualTo("page");
        assertThat(c.op()).isEqualTo("lte");
        assertThat(c.threshold()).isEqualTo(2.0);
        assertThat(c.lookbackWindow()).isEqualTo(Duration.ofHours(1));
        assertThat(c.alertAfter()).isEqualTo(Duration.ofMinutes(5));
      });
      assertThat(p.notificationTargets()).containsExactly("on-call-devops-mail-notification");
    });
  }

  @Test
  void glasshouseExampleLoadsEveryObjective() {
    OpenSlo.Documents d = OpenSlo.parseYaml(resource("glasshouse-web-shop.yaml"));
    assertThat(d.services()).containsEntry("web-shop", "The online shop");
    assertThat(d.slos()).extracting(SloDefinition::name).containsExactly("search-slo",
        "service-availability-internal-objective", "service-availability-sla");
    SloDefinition search = d.slos().get(0);
    assertThat(search.sli()).isEqualTo(new Sli.Latency(MetricSelector.parse(
        "http_server_requests_seconds{uri=\"/search\"}"), 0.5));
    assertThat(search.window()).isEqualTo(new SloWindow.Rolling(Duration.ofDays(14)));
    assertThat(search.labels()).containsEntry("team", "search,shop");
    assertThat(d.sloAlertPolicies().get("search-slo")).containsExactly("fast-burn");
    SloDefinition sla = d.slos().get(2);
    assertThat(sla.target()).isEqualTo(0.99);
    assertThat(sla.budgeting()).isEqualTo(new Budgeting.Timeslices(Duration.ofMinutes(5), 0.99));
    assertThat(sla.window()).isEqualTo(new SloWindow.Calendar(SloWindow.Unit.MONTH, ZoneId.of("America/New_York"),
        LocalDateTime.of(2022, 1, 1, 0, 0)));
    assertThat(((Sli.Ratio) sla.sli()).bad().text()).isEqualTo("http_server_requests{status=~\"5..\"}");
    assertThat(d.alertPolicies()).singleElement().satisfies(p -> assertThat(p.conditions().get(0).threshold())
        .isEqualTo(14.4));
    // every loaded SLO survives the JSON codec unchanged
    SloJsonCodec codec = new SloJsonCodec();
    d.slos().forEach(s -> assertThat(codec.fromJson(codec.toJson(s))).isEqualTo(s));
  }

  @Test
  void promqlExpressionsAndRollingMonthsAreRefused() {
    String base = resource("glasshouse-web-shop.yaml");
    assertThatThrownBy(() -> OpenSlo.parseYaml(base.replace("query: http_server_requests\n",
        "query: sum(rate(http_server_requests[5m]))\n")))
        .isInstanceOfSatisfying(SloDefinitionException.class, e -> {
          assertThat(e.field()).isEqualTo("documents[3].spec.indicator.ratioMetric.total.metricSource.spec.query");
          assertThat(e.detail()).contains("only a plain series selector");
        });
    assertThatThrownBy(() -> OpenSlo.parseYaml(base.replace("duration: 2w", "duration: 1M")))
        .isInstanceOfSatisfying(SloDefinitionException.class, e ->
            assertThat(e.detail()).contains("a rolling window of 1M is unsupported"));
  }
}
