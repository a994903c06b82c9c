package io.glasshouse.statuspage.staff;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SvgChartTest {
  static final Instant T = Instant.parse("2026-11-01T00:00:00Z");

  @Test
  void niceRangesUseStepsOfOneTwoOrFiveAndCoverTheData() {
    assertThat(SvgChart.niceRange(0, 14.4)).containsExactly(0, 15, 5);
    assertThat(SvgChart.niceRange(-0.37, 1)).containsExactly(-0.5, 1.0, 0.5);
    assertThat(SvgChart.niceRange(0, 0)).containsExactly(0, 1, 0.2);
  }

  @Test
  void aTimeLineMapsTheFirstAndLastPointsToThePlotsCornersAndSplitsAtGaps() {
    List<SvgChart.Point> points = List.of(new SvgChart.Point(T, 1.0), new SvgChart.Point(T.plusSeconds(3600), 0.5),
        new SvgChart.Point(T.plusSeconds(7200), null), new SvgChart.Point(T.plusSeconds(10_800), 0.0));
    Chart c = SvgChart.timeLine("c", "Budget", "text", "budget", points, List.of(new SvgChart.Ref(0, "spent")),
        SvgChart::percentTick);
    assertThat(c.lines()).hasSize(2);
    double left = c.plot().x();
    double right = c.plot().right();
    assertThat(c.lines().get(0).points()).startsWith(left + "," + c.plot().y() + " ");
    assertThat(c.lines().get(1).points()).isEqualTo(right + "," + c.plot().bottom());
    assertThat(c.yTicks()).extracting(Chart.Tick::label).containsExactly("0%", "20%", "40%", "60%", "80%", "100%");
    assertThat(c.xTicks()).extracting(Chart.Tick::label).containsExactly("00:00", "00:30", "01:00", "01:30", "02:00", "02:30",
        "03:00");
    assertThat(c.references()).singleElement().satisfies(r -> assertThat(r.y()).isEqualTo(c.plot().bottom()));
  }

  @Test
  void barsStandOnZeroWithTheirFiguresAndMissingValuesSayNoData() {
    Chart c = SvgChart.bars("b", "Burn", "text", "burn", List.of("5m", "1h"), Arrays.asList(10.0, null),
        List.of(new SvgChart.Ref(14.4, "page")), SvgChart::burnTick, Figures::burn);
    assertThat(c.bars()).hasSize(2);
    Chart.Bar first = c.bars().get(0);
    assertThat(first.y() + first.h()).isEqualTo(c.plot().bottom());
    assertThat(first.h()).isCloseTo(c.plot().h() * 10 / 15, org.assertj.core.api.Assertions.within(0.1));
    assertThat(first.value()).isEqualTo("10.0×");
    assertThat(c.bars().get(1).value()).isEqualTo("no data");
    assertThat(c.bars().get(1).h()).isZero();
  }
}
