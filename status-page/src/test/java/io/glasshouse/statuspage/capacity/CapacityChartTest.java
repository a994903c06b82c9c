package io.glasshouse.statuspage.capacity;

import static org.assertj.core.api.Assertions.assertThat;

import io.glasshouse.rollup.capacity.CapacitySnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Issue #8: a chart never clips a forecast silently. */
class CapacityChartTest {
  /** The top of the plot area: a value clamped to the axis maximum is drawn exactly there. */
  static final double TOP = 14.0;

  @Test
  void theForecastAndIts80PercentBandAreNeverClippedAndA95PercentCutIsLabelled() {
    for (CapacitySnapshot s : CapacityFixture.get().result.indicators()) {
      if (s.error().isPresent()) {
        continue;
      }
      String svg = CapacityChart.svg(s);
      List<Double> ys = new ArrayList<>();
      ys.addAll(yValues(svg, "<polyline class=\"forecast\"[^>]*points=\"([^\"]*)\""));
      ys.addAll(yValues(svg, "<polygon class=\"band80\"[^>]*points=\"([^\"]*)\""));
      assertThat(ys).as(s.name()).isNotEmpty().allSatisfy(y -> assertThat(y).as(s.name()).isGreaterThan(TOP));
      List<Double> band95 = yValues(svg, "<polygon class=\"band95\"[^>]*points=\"([^\"]*)\"");
      if (band95.stream().anyMatch(y -> y <= TOP)) {
        assertThat(svg).as(s.name()).contains("95% band cut at");
      }
    }
  }

  private static List<Double> yValues(String svg, String regex) {
    List<Double> out = new ArrayList<>();
    Matcher m = Pattern.compile(regex).matcher(svg);
    while (m.find()) {
      for (String xy : m.group(1).trim().split("\\s+")) {
        out.add(Double.parseDouble(xy.substring(xy.indexOf(',') + 1)));
      }
    }
    return out;
  }
}
