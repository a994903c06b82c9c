package io.glasshouse.server;

import io.glasshouse.rollup.slo.Sli;
import io.glasshouse.rollup.slo.SloReport;
import io.glasshouse.rollup.slo.SloReports;
import io.glasshouse.rollup.status.BurnWindow;
import io.glasshouse.rollup.status.SloBurn;
import io.glasshouse.rollup.status.SloCategory;
import io.glasshouse.rollup.status.StatusInputSource;
import io.glasshouse.rollup.status.StatusInputs;
import io.vertx.core.Future;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Status inputs with the SLOs' burn: service liveness from {@code liveness}, and for every SLO of the last
 * {@link SloReports} refresh its burn rates per workbook window and its budget remaining. Ratio and boolean-gauge
 * SLIs are availability, latency SLIs latency ({@link SloCategory}). A window without events has no burn rate (the
 * rules never fire on it).
 */
final class SloStatusInputs implements StatusInputSource {
  private final StatusInputSource liveness;
  private final SloReports slos;

  SloStatusInputs(StatusInputSource liveness, SloReports slos) {
    this.liveness = liveness;
    this.slos = slos;
  }

  @Override
  public Future<StatusInputs> inputs() {
    Map<String, SloBurn> burns = new LinkedHashMap<>();
    for (SloReport r : slos.latest().reports()) {
      burns.put(r.name(), burn(r));
    }
    return liveness.inputs().map(in -> new StatusInputs(burns, in.services(), in.maintenances()));
  }

  static SloBurn burn(SloReport r) {
    Map<BurnWindow, Double> rates = new EnumMap<>(BurnWindow.class);
    for (BurnWindow w : BurnWindow.values()) {
      r.burnRate(w.length()).ifPresent(rate -> rates.put(w, rate));
    }
    SloCategory category = r.definition().sli() instanceof Sli.Latency ? SloCategory.LATENCY
        : SloCategory.AVAILABILITY;
    return new SloBurn(r.name(), category, rates,
        r.budgetRemaining() == null ? Double.NaN : r.budgetRemaining());
  }
}
