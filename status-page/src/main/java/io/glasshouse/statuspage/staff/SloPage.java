package io.glasshouse.statuspage.staff;

import io.glasshouse.rollup.slo.SloReport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code /staff/slos/{name}} shows: the SLO's figures, its error budget remaining over the window and its
 * burn rates as charts, and the same figures as tables (the charts' text alternative in full).
 */
public record SloPage(SloReport report, OverviewPage.SloRow summary, String window, String errorBudget,
    String budgetRemainingTime, String runsOutAtForecast, Chart budgetChart, Chart burnChart, List<BurnRow> burns,
    List<BudgetRow> budget) {

  /** The workbook's thresholds for a 30-day window, shown as reference lines on the burn chart. */
  static final List<SvgChart.Ref> BURN_REFS = List.of(new SvgChart.Ref(1, "1× lasts the window"),
      new SvgChart.Ref(6, "6× ticket/page (6h)"), new SvgChart.Ref(14.4, "14.4× page (1h)"));

  /** One burn-rate window: its rate and the events in it. */
  public record BurnRow(String window, String rate, String good, String total) {
  }

  /** One point of the budget over time. */
  public record BudgetRow(java.time.Instant time, String remaining) {
  }

  static SloPage of(SloReport r) {
    OverviewPage.SloRow row = OverviewPage.row(r);
    List<SvgChart.Point> points = r.budgetOverTime().stream()
        .map(p -> new SvgChart.Point(p.time(), p.remaining())).toList();
    String name = r.name();
    Double first = points.stream().map(SvgChart.Point::value).filter(v -> v != null).findFirst().orElse(null);
    String budgetDesc = points.isEmpty() || first == null
        ? "No budget figures yet: the window has no events."
        : "Error budget remaining of SLO " + name + " from " + Figures.time(points.get(0).time()) + " to "
            + Figures.time(points.get(points.size() - 1).time()) + ", one point every "
            + Figures.duration(r.resolution()) + ": from " + Figures.percent(first, 1) + " to "
            + Figures.percent(r.budgetRemaining(), 1) + " now. The table below lists every point.";
    Chart budgetChart = SvgChart.timeLine("budget-chart", "Error budget remaining over the window", budgetDesc,
        "budget remaining", points, List.of(new SvgChart.Ref(0, "0%: spent")), SvgChart::percentTick);
    List<String> labels = new ArrayList<>();
    List<Double> values = new ArrayList<>();
    List<BurnRow> burns = new ArrayList<>();
    StringBuilder burnDesc = new StringBuilder("Burn rates of SLO " + name + " (1× spends the budget exactly over "
        + "the window):");
    for (SloReport.BurnRate b : r.burnRates()) {
      String w = Figures.compact(b.window());
      labels.add(w);
      values.add(b.rate());
      burns.add(new BurnRow(w, Figures.burn(b.rate()), Figures.number(b.good(), 0), Figures.number(b.total(), 0)));
      burnDesc.append(' ').append(w).append(' ').append(Figures.burn(b.rate())).append(';');
    }
    labels.add("window");
    values.add(r.windowBurnRate());
    burns.add(new BurnRow("whole window", Figures.burn(r.windowBurnRate()), Figures.number(r.good(), 0),
        Figures.number(r.total(), 0)));
    burnDesc.append(" whole window ").append(Figures.burn(r.windowBurnRate())).append('.');
    Chart burnChart = SvgChart.bars("burn-chart", "Burn rates", burnDesc.toString(), "burn rate", labels, values,
        BURN_REFS, SvgChart::burnTick, v -> Figures.burn(v));
    List<BudgetRow> budget = r.budgetOverTime().stream()
        .map(p -> new BudgetRow(p.time(), Figures.percent(p.remaining(), 2))).toList();
    SloReport.Exhaustion e = r.exhaustion();
    String atForecast = e.atForecastTraffic() != null ? Figures.time(e.atForecastTraffic())
        : e.forecastNote() == null || e.forecastNote().isBlank() ? "lasts the window" : e.forecastNote();
    return new SloPage(r, row, window(r), Figures.percent(r.errorBudget().ratio(), 3) + " = "
        + Figures.number(r.errorBudget().events(), 0) + " bad " + r.unit() + " so far, "
        + Figures.duration(r.errorBudget().time()) + " of total outage", Figures.duration(r.budgetRemainingTime()),
        atForecast, budgetChart, burnChart, burns, budget);
  }

  private static String window(SloReport r) {
    Duration length = Duration.between(r.windowStart(), r.windowEnd());
    return Figures.time(r.windowStart()) + " to " + Figures.time(r.windowEnd()) + " (" + Figures.duration(length)
        + ")";
  }
}
