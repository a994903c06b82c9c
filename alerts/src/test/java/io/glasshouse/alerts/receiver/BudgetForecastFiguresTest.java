package io.glasshouse.alerts.receiver;

import static org.assertj.core.api.Assertions.assertThat;

import io.glasshouse.alerts.state.Alert;
import io.glasshouse.alerts.state.AlertState;
import java.time.Instant;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Issue 11: the budget-forecast alert's interval and model reach PagerDuty's custom_details and Slack's fields,
 * which list the alert's figures.
 */
class BudgetForecastFiguresTest {
  @Test
  void theIntervalAndModelAreFiguresWithNamesPeopleRead() {
    TreeMap<String, String> ann = new TreeMap<>();
    ann.put("summary", "runs out");
    ann.put("budget_exhausted_at_forecast", "2026-11-30T04:00:00Z");
    ann.put("budget_exhausted_at_forecast_earliest", "2026-11-29T18:00:00Z");
    ann.put("budget_exhausted_at_forecast_latest", "2026-11-30T19:00:00Z");
    ann.put("forecast_interval", "80%");
    ann.put("forecast_model", "ets");
    Instant t = Instant.parse("2026-11-28T12:00:00Z");
    Alert a = new Alert("budget", new TreeMap<>(), ann, AlertState.FIRING, t, t, null, t, 1, null);
    assertThat(Figures.of(a)).containsKeys("budget_exhausted_at_forecast_earliest",
        "budget_exhausted_at_forecast_latest", "forecast_interval", "forecast_model").doesNotContainKey("summary");
    assertThat(Figures.labelled(a))
        .containsEntry("Runs out at forecast traffic, earliest (upper 80%)", "2026-11-29T18:00:00Z")
        .containsEntry("Runs out at forecast traffic, latest (lower 80%)", "2026-11-30T19:00:00Z")
        .containsEntry("Forecast interval", "80%").containsEntry("Forecast model", "ets");
  }
}
