package io.glasshouse.statuspage.capacity;

import static org.assertj.core.api.Assertions.assertThat;

import io.glasshouse.rollup.capacity.CapacitySnapshot;
import io.glasshouse.rollup.forecast.HorizonForecast;
import java.util.Comparator;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Issue #8: the report tells a planner what to add, how much and by when, at the target utilisation. */
class CapacityAdviceTest {
  final CapacityFixture fx = CapacityFixture.get();

  private CapacitySnapshot snapshot(String name) {
    return fx.result.indicator(name).orElseThrow();
  }

  @Test
  void aGrowingAbsoluteIndicatorSaysHowMuchCapacityToAddAndByWhen() {
    CapacitySnapshot disk = snapshot("db-disk");
    CapacityAdvice a = CapacityAdvice.of(disk);

    double peak80 = disk.horizons().stream().mapToDouble(HorizonForecast::hi80).max().orElseThrow();
    assertThat(a.action()).isEqualTo("capacity");
    assertThat(a.total()).isCloseTo(peak80 / disk.indicator().targetUtilisation(), org.assertj.core.data.Offset.offset(1e-6));
    assertThat(a.add()).isCloseTo(a.total() - disk.capacity(), org.assertj.core.data.Offset.offset(1e-6));
    assertThat(a.by()).isPresent();
    assertThat(a.text()).startsWith("Add ").contains(" GB (to ").contains("to stay under 80%");
  }

  @Test
  void perInstanceCapacitySaysHowManyInstancesToAdd() {
    CapacitySnapshot web = snapshot("web-rps");
    CapacityAdvice a = CapacityAdvice.of(web);

    int needed = web.instancesNeeded().stream().max(Comparator.comparing(n -> n.horizon())).orElseThrow().forUpper80();
    if (needed > web.liveInstances()) {
      assertThat(a.action()).isEqualTo("instances");
      assertThat(a.add()).isEqualTo(needed - web.liveInstances());
      assertThat(a.text()).contains("instance").contains("of web (to " + needed + ")");
    } else {
      assertThat(a.action()).isEqualTo("none");
      assertThat(a.text()).startsWith("Nothing to add: " + web.liveInstances() + " instance");
    }
  }

  @Test
  void anIndicatorWithoutForecastSaysWhy() {
    CapacityAdvice a = CapacityAdvice.of(snapshot("ghost-cpu"));

    assertThat(a.action()).isEqualTo("unknown");
    assertThat(a.by()).isEqualTo(Optional.empty());
    assertThat(a.text()).startsWith("No forecast");
  }

  @Test
  void theHtmlReportShowsTheAdviceForEveryIndicatorAndExplainsTheModelsOnce() {
    String html = CapacityHtml.html(fx.result, CapacityHtml.Links.NONE);

    for (CapacitySnapshot s : fx.result.indicators()) {
      assertThat(html).contains(ReportText.esc(CapacityAdvice.of(s).text()));
    }
    assertThat(html).contains("What to do").contains("How the forecasts are made")
        .contains("Outlying points clipped").contains("1 GiB = 1024 MiB");
    assertThat(html.split("id=\"models\"", -1)).hasSize(2);
    assertThat(html).doesNotContain("hw-add-damped").doesNotContain("| ");
  }
}
