package io.glasshouse.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.glasshouse.alerts.config.AlertmanagerConfig;
import io.glasshouse.alerts.receiver.PagerDutyIntegration;
import io.glasshouse.alerts.receiver.SlackIntegration;
import io.glasshouse.alerts.route.Route;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Alertmanager's configuration file imported as it is; routing decisions checked against amtool's. */
class AlertmanagerConfigTest {
  static final String CONFIG = """
      global:
        resolve_timeout: 5m
      route:
        receiver: default
        group_by: [alertname, slo]
        group_wait: 10s
        repeat_interval: 3h
        routes:
          - matchers: ['severity="page"']
            receiver: pager
            continue: true
            group_by: ['...']
          - matchers: ['service=~"check.*"']
            receiver: team-checkout
            group_interval: 2m
            routes:
              - matchers: ['tier!="ticket"', 'region!~"eu-.*"']
                receiver: slack
          - match:
              team: search
            receiver: default
      inhibit_rules:
        - source_matchers: ['severity="page"']
          target_matchers: ['severity="ticket"']
          equal: [slo]
      receivers:
        - name: default
          webhook_configs:
            - url: http://127.0.0.1:5001/hook
        - name: pager
          pagerduty_configs:
            - routing_key: R0UT1NGKEY
              url: http://127.0.0.1:5002/v2/enqueue
        - name: team-checkout
        - name: slack
          slack_configs:
            - api_url: http://127.0.0.1:5003/services/T/B/SECRET
              channel: '#checkout'
      """;

  static List<String> receivers(Route root, Map<String, String> labels) {
    return root.match(labels).stream().map(Route::receiver).toList();
  }

  @Test
  void routeInhibitRulesAndReceiversAreImportedAsTheyAre() {
    AlertmanagerConfig c = AlertmanagerConfig.parse(new org.yaml.snakeyaml.Yaml().load(CONFIG), "am");
    Route root = c.route();
    assertThat(root.groupWait()).isEqualTo(Duration.ofSeconds(10));
    Route checkout = root.routes().get(1);
    assertThat(checkout.groupWait()).as("inherited").isEqualTo(Duration.ofSeconds(10));
    assertThat(checkout.groupInterval()).isEqualTo(Duration.ofMinutes(2));
    assertThat(checkout.repeatInterval()).isEqualTo(Duration.ofHours(3));
    assertThat(root.routes().get(0).groupByAll()).isTrue();
    assertThat(c.inhibitRules()).hasSize(1);
    assertThat(c.receivers().get("pager").integrations().get(0)).isInstanceOf(PagerDutyIntegration.class);
    assertThat(c.receivers().get("slack").integrations().get(0)).isInstanceOf(SlackIntegration.class);
    assertThat(c.receivers().get("slack").toString() + c.receivers().get("pager").integrations())
        .doesNotContain("SECRET").doesNotContain("R0UT1NGKEY");
  }

  @Test
  void routingAgreesWithAmtoolOnTheSameFile(@TempDir Path dir) throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/amtool")), "amtool is not installed (.ci/run does)");
    Path file = dir.resolve("alertmanager.yml");
    Files.writeString(file, CONFIG);
    Route root = AlertmanagerConfig.read(file).route();
    List<Map<String, String>> cases = List.of(
        Map.of("severity", "page", "service", "checkout"),
        Map.of("severity", "page", "service", "checkout", "region", "eu-west"),
        Map.of("service", "checkout", "tier", "ticket"),
        Map.of("service", "checkout"),
        Map.of("team", "search"),
        Map.of("severity", "page"),
        Map.of("foo", "bar"));
    for (Map<String, String> labels : cases) {
      assertThat(String.join(",", receivers(root, labels))).as(labels.toString()).isEqualTo(amtool(file, labels));
    }
  }

  static String amtool(Path file, Map<String, String> labels) throws IOException, InterruptedException {
    List<String> cmd = new java.util.ArrayList<>(List.of("/usr/bin/amtool", "config", "routes", "test",
        "--config.file=" + file));
    labels.forEach((k, v) -> cmd.add(k + "=" + v));
    Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    p.waitFor();
    return out;
  }

  @Test
  void unsupportedPartsAreRefusedWithTheKeyAndTheReason() {
    assertThatThrownBy(() -> AlertmanagerConfig.parse(new org.yaml.snakeyaml.Yaml().load("""
        route: {receiver: a}
        receivers:
          - name: a
            email_configs: [{to: x@example.com}]
        """), "am")).hasMessageContaining("am.receivers[0].email_configs").hasMessageContaining("webhook_configs");
    assertThatThrownBy(() -> AlertmanagerConfig.parse(new org.yaml.snakeyaml.Yaml().load("""
        route: {receiver: a, routes: [{receiver: a, mute_time_intervals: [night]}]}
        receivers: [{name: a}]
        """), "am")).hasMessageContaining("am.route.routes[0].mute_time_intervals").hasMessageContaining("silences");
    assertThatThrownBy(() -> AlertmanagerConfig.parse(new org.yaml.snakeyaml.Yaml().load("""
        route: {receiver: a}
        receivers: [{name: a, pagerduty_configs: [{service_key: k}]}]
        """), "am")).hasMessageContaining("service_key").hasMessageContaining("routing_key");
    assertThatThrownBy(() -> AlertmanagerConfig.parse(new org.yaml.snakeyaml.Yaml().load("""
        route: {receiver: missing}
        receivers: [{name: a}]
        """), "am")).hasMessageContaining("receiver 'missing' is not defined");
    assertThatThrownBy(() -> AlertmanagerConfig.parse(new org.yaml.snakeyaml.Yaml().load("""
        templates: ['/etc/alertmanager/*.tmpl']
        route: {receiver: a}
        receivers: [{name: a}]
        """), "am")).hasMessageContaining("am.templates").hasMessageContaining("Go templates");
  }
}
