package io.glasshouse.rollup.slo;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What an SLO stands at, computed by {@link SloEvaluator} from summed minute counts: immutable, shared by every
 * reader. Figures that are undefined (no events in their span) are {@code null}, never 0 or 100%.
 *
 * <p>Units: for occurrences, {@code good}/{@code total}/{@code bad} and the budget in {@code events} count events;
 * for timeslices they count slices (only slices with events count, see {@link Budgeting.Timeslices}).
 *
 * @param definition        the SLO
 * @param asOf              end of the last complete minute counted (the evaluation's "now")
 * @param windowStart       first minute of the window (rolling: {@code asOf − length}; calendar: the period start)
 * @param windowEnd         where the window ends: {@code asOf} for rolling windows, the period's end for calendar ones
 * @param unit              {@code "events"} or {@code "slices"}
 * @param good              good events (slices) in the window so far
 * @param total             events (slices with events) in the window so far
 * @param sli               good / total, null without events
 * @param errorBudget       the budget: as a ratio, in events (slices) so far, as time
 * @param budgetRemaining   1 − bad / (budget in events): 1 untouched, 0 spent, negative when overspent; null
 *                          without events
 * @param budgetRemainingEvents budget in events minus bad events (negative when overspent)
 * @param budgetRemainingTime   {@code budgetRemaining × errorBudget.time}; null without events
 * @param burnRates         error rate over the last 5m, 30m, 1h, 2h, 6h, 1d and 3d, divided by the error budget ratio
 * @param windowBurnRate    the same over the whole window so far
 * @param exhaustion        when the budget runs out at the current burn and at forecast traffic
 * @param budgetOverTime    budget remaining at each point of {@code resolution} across the window (for charts)
 * @param resolution        spacing of {@code budgetOverTime}
 * @param notes             what a reader should know (no events, clamped counts, forecast fallbacks)
 */
public record SloReport(SloDefinition definition, Instant asOf, Instant windowStart, Instant windowEnd, String unit,
    double good, double total, Double sli, ErrorBudget errorBudget, Double budgetRemaining,
    double budgetRemainingEvents, Duration budgetRemainingTime, List<BurnRate> burnRates, Double windowBurnRate,
    Exhaustion exhaustion, List<BudgetPoint> budgetOverTime, Duration resolution, List<String> notes) {

  /** The burn-rate windows every report has, in this order. */
  public static final List<Duration> BURN_WINDOWS = List.of(Duration.ofMinutes(5), Duration.ofMinutes(30),
      Duration.ofHours(1), Duration.ofHours(2), Duration.ofHours(6), Duration.ofDays(1), Duration.ofDays(3));

  public SloReport {
    burnRates = List.copyOf(burnRates);
    budgetOverTime = List.copyOf(budgetOverTime);
    notes = List.copyOf(notes);
  }

  public String name() {
    return definition.name();
  }

  /** Bad events (slices) in the window so far. */
  public double bad() {
    return total - good;
  }

  /** The burn rate over {@code window} (one of {@link #BURN_WINDOWS}); empty when undefined or not computed. */
  public Optional<Double> burnRate(Duration window) {
    return burnRates.stream().filter(b -> b.window().equals(window)).findFirst().map(BurnRate::rate);
  }

  /**
   * The error budget.
   *
   * @param ratio  {@code 1 − target}
   * @param events {@code ratio × total}: how many bad events (slices) the window so far allows
   * @param time   {@code ratio × the whole window's length} (a calendar period's full length, DST included): the
   *               time a total outage may last
   */
  public record ErrorBudget(double ratio, double events, Duration time) {
  }

  /**
   * A burn rate: the error rate over the last {@code window} divided by the budget ratio (1 spends the budget
   * exactly over the SLO window). {@code rate} is null when the window had no events.
   */
  public record BurnRate(Duration window, Double rate, double good, double total) {
  }

  /**
   * When the budget runs out, projected minute by minute: at the current burn (the last hour's events per minute
   * and error ratio held constant) and at forecast traffic (the SLO's total events forecast by
   * {@code rollup.forecast}, at the last hour's error ratio). Rolling windows let old minutes drop out as the
   * projection moves; calendar windows stop at the period's end. {@code null} when the budget lasts (through the
   * window length, or to the period's end) or cannot be projected; the notes say which. Equal to {@code asOf}
   * when it is already spent.
   *
   * <p>The forecast's 80% interval gives a range: {@code atForecastTrafficEarliest} and
   * {@code atForecastTrafficLatest} are the earliest and latest run-out over the interval's upper and lower traffic
   * bounds and the point forecast (at an error ratio above the budget's, the upper traffic runs it out first);
   * a null latest means it may last. {@code forecastModel} is the model that made the forecast (null without one).
   * Without a forecast both bounds equal {@code atForecastTraffic}.
   */
  public record Exhaustion(Instant atCurrentBurn, String currentNote, Instant atForecastTraffic,
      String forecastNote, Instant atForecastTrafficEarliest, Instant atForecastTrafficLatest,
      String forecastModel) {

    /** Without a forecast interval: both bounds are the point's, no model. */
    public Exhaustion(Instant atCurrentBurn, String currentNote, Instant atForecastTraffic, String forecastNote) {
      this(atCurrentBurn, currentNote, atForecastTraffic, forecastNote, atForecastTraffic, atForecastTraffic, null);
    }
  }

  /** Budget remaining at {@code time} over the window ending there (rolling) or the period up to it (calendar). */
  public record BudgetPoint(Instant time, Double remaining) {
  }
}
