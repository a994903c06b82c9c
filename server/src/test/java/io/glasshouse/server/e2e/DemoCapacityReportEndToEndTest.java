package io.glasshouse.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.glasshouse.server.config.GlasshouseConfig;
import io.glasshouse.statuspage.capacity.CapacityCsv;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.io.StringReader;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.w3c.dom.Document;
import org.xml.sax.InputSource;

/**
 * {@code --demo} end to end: the fleet and its backfilled history go through the ingest path, the capacity
 * planner forecasts the demo's indicators, and the staff report renders from that data.
 */
class DemoCapacityReportEndToEndTest {
  @RegisterExtension
  final TestServer gh = new TestServer(Clock.systemUTC());

  @Test
  void capacityReportRendersFromTheDemoFleetsData() throws Exception {
    GlasshouseConfig config = gh.config();
    config.override("server", "staff-tokens", new JsonArray().add("staff-secret"));
    config.override("demo", "instances-per-service", 2);
    gh.start(config, true);
    int port = gh.port();
    WebClient client = gh.client();
    AtomicReference<JsonObject> capacity = new AtomicReference<>();
    Await.until("the demo's capacity indicators have forecasts", () -> {
      HttpResponse<Buffer> r = Await.result(client.getAbs("http://127.0.0.1:" + port + "/api/v1/capacity").send());
      if (r.statusCode() != 200) {
        return false;
      }
      JsonObject body = r.bodyAsJsonObject();
      boolean allForecast = body.getJsonArray("indicators").stream().map(JsonObject.class::cast)
          .allMatch(i -> i.getValue("error") == null && !i.getJsonArray("forecast").isEmpty());
      // Scale-out advice needs live instances: only the live fleet's pushes make them live (the backfill does
      // not), so wait for a refresh (every minute in the demo) that saw them.
      boolean fleetLive = body.getJsonArray("indicators").stream().map(JsonObject.class::cast)
          .allMatch(i -> i.getJsonObject("capacity").getInteger("liveInstances", 0) > 0);
      capacity.set(body);
      return allForecast && fleetLive;
    }, Duration.ofMinutes(3));

    List<JsonObject> indicators = capacity.get().getJsonArray("indicators").stream().map(JsonObject.class::cast)
        .toList();
    assertThat(indicators).extracting(i -> i.getString("name"))
        .contains("checkout-disk", "checkout-cpu", "search-db-connections", "accounts-heap");
    JsonObject disk = indicators.stream().filter(i -> i.getString("name").equals("checkout-disk")).findFirst()
        .orElseThrow();
    assertThat(disk.getJsonObject("timeToExhaustion").getString("upper95"))
        .as("the demo's checkout disk runs out within days").isNotNull();
    assertThat(disk.getString("suggestedSeverity")).isIn("ticket", "page");
    // Issue #8: every demo indicator tells a planner what to add, how much and by when.
    assertThat(disk.getJsonObject("advice").getString("action")).isEqualTo("capacity");
    assertThat(disk.getJsonObject("advice").getString("text")).containsPattern("\\d (GiB|TiB) \\(to ").contains(" by ");
    for (String scaleOut : List.of("checkout-cpu", "search-db-connections")) {
      JsonObject advice = indicators.stream().filter(i -> i.getString("name").equals(scaleOut)).findFirst()
          .orElseThrow().getJsonObject("advice");
      assertThat(advice.getString("action")).as(scaleOut).isIn("instances", "none");
      assertThat(advice.getString("text")).as(scaleOut).contains("instance");
    }

    String base = "http://127.0.0.1:" + port + "/reports/capacity";
    assertThat(Await.result(client.getAbs(base).send()).statusCode()).isEqualTo(401);
    HttpResponse<Buffer> html = Await.result(client.getAbs(base + "?token=staff-secret").send());
    assertThat(html.statusCode()).isEqualTo(200);
    assertThat(html.getHeader("Content-Type")).startsWith("text/html");
    Document doc = parseXml(html.bodyAsString());
    assertThat(doc.getElementsByTagName("svg").getLength()).isEqualTo(indicators.size());
    assertThat(doc.getElementsByTagName("table").getLength()).isGreaterThanOrEqualTo(1);

    HttpResponse<Buffer> csv = Await.result(client.getAbs(base + ".csv")
        .putHeader("Authorization", "Bearer staff-secret").send());
    assertThat(csv.statusCode()).isEqualTo(200);
    String[] lines = csv.bodyAsString().split("\r\n");
    assertThat(List.of(lines[0].split(","))).startsWith(CapacityCsv.CSV_FIXED_COLUMNS.toArray(String[]::new));
    assertThat(lines).hasSize(1 + indicators.size());
    assertThat(lines[1]).as("sorted by exhaustion: the disk or the connections come first")
        .containsAnyOf("checkout-disk", "search-db-connections");
  }

  private static Document parseXml(String text) throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", false);
    f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
    return f.newDocumentBuilder().parse(new InputSource(new StringReader(text.replaceFirst("(?i)<!DOCTYPE html>", ""))));
  }
}
