package io.glasshouse.statuspage.capacity;

import static org.assertj.core.api.Assertions.assertThat;

import io.glasshouse.rollup.capacity.CapacityResult;
import io.glasshouse.rollup.capacity.CapacitySnapshot;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.StringReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/** The renderer on forecasts of a real engine's data. */
class CapacityReportTest {
  static CapacityResult result;

  @BeforeAll
  static void compute() {
    result = CapacityFixture.get().result;
  }

  static Document parseXml(String text) throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setNamespaceAware(true);
    f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", false);
    f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
    return f.newDocumentBuilder().parse(new InputSource(new StringReader(text)));
  }

  @Test
  void fixtureHasOneIndicatorPerSeverity() {
    assertThat(result.indicator("db-disk").orElseThrow().suggestedSeverity()).isEqualTo("page");
    assertThat(result.indicator("cache-mem").orElseThrow().suggestedSeverity()).isEqualTo("ticket");
    assertThat(result.indicator("web-rps").orElseThrow().suggestedSeverity()).isEqualTo("none");
    assertThat(result.indicator("ghost-cpu").orElseThrow().error()).isPresent();
  }

  @Test
  void htmlIsWellFormedWithOneChartPerForecastIndicator() throws Exception {
    String html = CapacityHtml.html(result, new CapacityHtml.Links("/reports/capacity.csv?token=a&b",
        "/reports/capacity.json"));
    Document doc = parseXml(html);
    var xp = XPathFactory.newInstance().newXPath();
    NodeList svgs = doc.getElementsByTagNameNS("http://www.w3.org/2000/svg", "svg");
    assertThat(svgs.getLength()).isEqualTo(3);
    for (int i = 0; i < svgs.getLength(); i++) {
      Element svg = (Element) svgs.item(i);
      assertThat(svg.getElementsByTagNameNS("*", "polyline").getLength()).as("history and forecast").isEqualTo(2);
      assertThat(svg.getElementsByTagNameNS("*", "polygon").getLength()).as("80 and 95 bands").isEqualTo(2);
      assertThat(svg.getElementsByTagNameNS("*", "title").getLength()).isGreaterThan(0);
      assertThat(((NodeList) xp.evaluate(".//*[local-name()='line'][@class='capacity']", svg,
          XPathConstants.NODESET)).getLength()).isEqualTo(1);
      assertThat(((NodeList) xp.evaluate(".//*[local-name()='line'][@class='target']", svg,
          XPathConstants.NODESET)).getLength()).isEqualTo(1);
      assertThat(((NodeList) xp.evaluate(".//*[local-name()='g'][@class='y-axis']/*[local-name()='text']", svg,
          XPathConstants.NODESET)).getLength()).isGreaterThanOrEqualTo(3);
    }
    assertThat(html).contains("href=\"/reports/capacity.csv?token=a&amp;b\"").contains("/reports/capacity.json")
        .doesNotContain("href=\"http").doesNotContain("<link").doesNotContain("src=").doesNotContain("<img");
  }

  @Test
  void tableIsSortedByTimeToExhaustionWithoutScript() throws Exception {
    Document doc = parseXml(CapacityHtml.html(result, CapacityHtml.Links.NONE));
    NodeList rows = (NodeList) XPathFactory.newInstance().newXPath()
        .evaluate("//*[local-name()='table'][@id='capacity']/*[local-name()='tbody']/*[local-name()='tr']/"
            + "*[local-name()='th']/@data-v", doc, XPathConstants.NODESET);
    List<String> names = new ArrayList<>();
    for (int i = 0; i < rows.getLength(); i++) {
      names.add(rows.item(i).getNodeValue());
    }
    assertThat(names).containsExactly("db-disk", "cache-mem", "web-rps", "ghost-cpu");
    assertThat(result.byExhaustion()).extracting(CapacitySnapshot::name)
        .containsExactly("db-disk", "cache-mem", "web-rps", "ghost-cpu");
  }

  @Test
  void csvHasTheDocumentedHeaderAndOneRowPerIndicator() {
    String csv = CapacityCsv.csv(result);
    List<String> lines = Arrays.asList(csv.split("\r\n"));
    assertThat(lines.get(0)).isEqualTo(String.join(",", CapacityCsv.csvHeader(List.of(Duration.ofMinutes(30),
        Duration.ofHours(1), Duration.ofDays(7), Duration.ofDays(90)))));
    assertThat(lines.get(0)).startsWith("name,service,metric,fn,match,unit,capacity_kind,capacity_per_unit,"
        + "live_instances,capacity,target_utilisation,current,current_at,utilisation,suggested_severity,"
        + "exhaustion_upper95,exhaustion_point,target_exhaustion_upper95,target_exhaustion_point,anomaly_score,"
        + "anomaly_flagged,model,error,computed_at,point_30m,lo80_30m,hi80_30m,lo95_30m,hi95_30m,instances_30m,"
        + "point_1h,");
    assertThat(lines.get(0)).endsWith(",instances_90d");
    assertThat(lines).hasSize(5);
    assertThat(lines.get(1)).startsWith("db-disk,db,disk_used_gb,last,\"mount=\"\"/data\"\"\",GB,absolute,2850,");
    assertThat(lines.get(3)).startsWith("web-rps,web,requests,rate,,req/s,per-instance,200,3,600,0.7,");
    int columns = lines.get(0).split(",", -1).length;
    assertThat(lines.get(4).split(",", -1)).hasSize(columns);
  }

  @Test
  void jsonHasTheDocumentedShape() {
    JsonObject json = new JsonObject(CapacityJson.json(result).encode());
    assertThat(json.getString("computedAt")).isEqualTo(CapacityFixture.NOW.toString());
    JsonArray list = json.getJsonArray("indicators");
    assertThat(list).hasSize(4);
    JsonObject disk = list.getJsonObject(1);
    assertThat(disk.getString("name")).isEqualTo("db-disk");
    assertThat(disk.getString("suggestedSeverity")).isEqualTo("page");
    assertThat(disk.getJsonObject("capacity").getString("kind")).isEqualTo("absolute");
    assertThat(disk.getJsonArray("forecast")).hasSize(4);
    JsonObject h = disk.getJsonArray("forecast").getJsonObject(0);
    assertThat(h.fieldNames()).contains("horizon", "label", "at", "point", "lo80", "hi80", "lo95", "hi95", "model");
    assertThat(h.getDouble("lo95")).isLessThanOrEqualTo(h.getDouble("lo80"));
    assertThat(h.getDouble("hi80")).isLessThanOrEqualTo(h.getDouble("hi95"));
    JsonObject tte = disk.getJsonObject("timeToExhaustion");
    assertThat(tte.getLong("upper95Seconds")).isLessThan(4 * 3600L);
    assertThat(tte.getLong("pointSeconds")).isGreaterThanOrEqualTo(tte.getLong("upper95Seconds"));
    assertThat(disk.getJsonObject("anomaly").getDouble("score")).isBetween(0.0, 1.0);
    JsonObject web = list.getJsonObject(2);
    assertThat(web.getJsonArray("instancesNeeded")).hasSize(4);
    assertThat(web.getJsonArray("instancesNeeded").getJsonObject(0).getInteger("forUpper80")).isBetween(1, 3);
    JsonObject ghost = list.getJsonObject(3);
    assertThat(ghost.getString("error")).contains("ghost");
    assertThat(ghost.getJsonArray("forecast")).isEmpty();
    JsonObject detail = CapacityJson.json(result.indicator("db-disk").orElseThrow(), true);
    assertThat(detail.getJsonArray("history").size()).isBetween(100, CapacityChart.MAX_HISTORY_POINTS);
    assertThat(detail.getJsonArray("path")).isNotEmpty();
  }
}
