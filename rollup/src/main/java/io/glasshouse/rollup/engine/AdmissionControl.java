package io.glasshouse.rollup.engine;

import io.glasshouse.rollup.ingest.BatchRefusedException;
import io.glasshouse.rollup.ingest.Rejection;
import io.glasshouse.rollup.ingest.SeriesLimitException;
import io.glasshouse.rollup.sample.Labels;
import io.glasshouse.rollup.sample.Sample;
import io.glasshouse.rollup.series.SeriesKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decides which samples of a batch the engine applies, without changing anything: refuses samples older than
 * the late window ({@code too_late}) and samples that would create a service, an instance, or a series beyond
 * the cardinality limits of {@link RollupConfig}. Samples of what already exists are never refused for a limit.
 *
 * <p>Atomic batches (remote write, JSON) are all or nothing: if any sample is refused, the batch is refused
 * whole with {@link SeriesLimitException} (a limit) or {@link BatchRefusedException} (e.g. {@code too_late}),
 * and nothing of it is applied. Other batches (OTLP) apply the rest and report the refused ones by reason.
 */
final class AdmissionControl {
  /** Reason of samples older than the late window. */
  static final String TOO_LATE = "too_late";

  private final RollupState state;
  private final RollupConfig config;
  // what admitted samples of this batch will create, so that a batch cannot overshoot a limit
  private Set<String> newServices;
  private Map<String, Set<String>> newInstances;
  private Map<String, Set<SeriesKey>> newSeries;
  private Set<InstanceSeriesKey> newInstanceSeries;
  private int newTotal;
  // refusals, by reason and then service
  private int tooLate;
  private Map<String, Map<String, Integer>> overLimit;

  private record InstanceSeriesKey(String service, String metric, Labels labels) {
  }

  private AdmissionControl(RollupState state, RollupConfig config) {
    this.state = state;
    this.config = config;
  }

  static RollupState.Admission admit(RollupState state, RollupConfig config, List<Sample> samples, boolean atomic,
      long nowMs) {
    return new AdmissionControl(state, config).run(samples, atomic, nowMs);
  }

  private RollupState.Admission run(List<Sample> samples, boolean atomic, long nowMs) {
    long oldest = nowMs - config.lateWindow().toMillis();
    List<Sample> admitted = null;
    InstanceSeries[] known = new InstanceSeries[samples.size()];
    int admittedCount = 0;
    for (int i = 0; i < samples.size(); i++) {
      Sample s = samples.get(i);
      InstanceSeries found = null;
      boolean refuse;
      if (s.timestampMs() < oldest) {
        tooLate++;
        refuse = true;
      } else {
        ServiceState svc = state.services().get(s.service());
        found = svc == null ? null : svc.find(s.metric(), s.labels());
        refuse = !fitsLimits(s, svc, found);
      }
      if (refuse && admitted == null) {
        admitted = new ArrayList<>(samples.subList(0, i));
      } else if (!refuse && admitted != null) {
        admitted.add(s);
      }
      if (!refuse) {
        known[admittedCount++] = found;
      }
    }
    List<Rejection> rejected = rejections();
    if (atomic && !rejected.isEmpty()) {
      throw refusal(rejected, samples.size());
    }
    return new RollupState.Admission(admitted == null ? samples : admitted, known, rejected);
  }

  /** True when the sample creates nothing beyond a limit; then what it creates is reserved for the batch. */
  private boolean fitsLimits(Sample s, ServiceState svc, InstanceSeries found) {
    String service = s.service();
    boolean addService = svc == null && (newServices == null || !newServices.contains(service));
    if (addService && state.services().size() + size(newServices) >= config.maxServices()) {
      return refuse(SeriesLimitException.SERVICE_LIMIT, service);
    }
    String instance = s.instance();
    Set<String> pendingInstances = newInstances == null ? null : newInstances.get(service);
    boolean addInstance = instance != null && (svc == null || !svc.instances.containsKey(instance))
        && (pendingInstances == null || !pendingInstances.contains(instance));
    if (addInstance && (svc == null ? 0 : svc.instances.size()) + size(pendingInstances)
        >= config.maxInstancesPerService()) {
      return refuse(SeriesLimitException.INSTANCE_LIMIT, service);
    }
    InstanceSeriesKey isKey = null;
    SeriesKey key = null;
    int added = 0;
    if (found == null) {
      isKey = new InstanceSeriesKey(service, s.metric(), s.labels());
      if (newInstanceSeries != null && newInstanceSeries.contains(isKey)) {
        isKey = null; // an earlier sample of this batch creates it
      } else {
        added++;
        key = state.rollupKey(s);
        Set<SeriesKey> pending = newSeries == null ? null : newSeries.get(service);
        if ((svc != null && svc.series.containsKey(key)) || (pending != null && pending.contains(key))) {
          key = null;
        } else {
          if ((svc == null ? 0 : svc.series.size()) + size(pending) >= config.maxSeriesPerService()) {
            return refuse(SeriesLimitException.SERIES_LIMIT, service);
          }
          added++;
        }
      }
    }
    if (added > 0 && state.totalSeries() + newTotal + added > config.maxTotalSeries()) {
      return refuse(SeriesLimitException.TOTAL_SERIES_LIMIT, service);
    }
    if (addService) {
      (newServices == null ? newServices = new HashSet<>() : newServices).add(service);
    }
    if (addInstance) {
      (newInstances == null ? newInstances = new HashMap<>() : newInstances)
          .computeIfAbsent(service, k -> new HashSet<>()).add(instance);
    }
    if (isKey != null) {
      (newInstanceSeries == null ? newInstanceSeries = new HashSet<>() : newInstanceSeries).add(isKey);
    }
    if (key != null) {
      (newSeries == null ? newSeries = new HashMap<>() : newSeries)
          .computeIfAbsent(service, k -> new HashSet<>()).add(key);
    }
    newTotal += added;
    return true;
  }

  private boolean refuse(String reason, String service) {
    if (overLimit == null) {
      overLimit = new LinkedHashMap<>();
    }
    overLimit.computeIfAbsent(reason, k -> new LinkedHashMap<>()).merge(service, 1, Integer::sum);
    return false;
  }

  private static int size(Set<?> s) {
    return s == null ? 0 : s.size();
  }

  private List<Rejection> rejections() {
    List<Rejection> out = new ArrayList<>();
    if (overLimit != null) {
      overLimit.forEach((reason, byService) -> byService.forEach(
          (service, n) -> out.add(new Rejection(reason, n, limitDetail(reason, service)))));
    }
    if (tooLate > 0) {
      out.add(new Rejection(TOO_LATE, tooLate, tooLateDetail()));
    }
    return out;
  }

  private RuntimeException refusal(List<Rejection> rejected, int batchSize) {
    Rejection first = rejected.get(0);
    String whole = " of " + batchSize + " samples of this atomic batch; nothing in it was applied";
    if (!first.reason().equals(TOO_LATE)) {
      String service = overLimit.get(first.reason()).keySet().iterator().next();
      return new SeriesLimitException(first.reason(), service, limit(first.reason()), first.count(),
          first.detail() + " (" + first.count() + whole + ")");
    }
    return new BatchRefusedException(first.count() + whole + ": " + first.detail(), rejected);
  }

  private String tooLateDetail() {
    return "samples are older than the late window (rollup.late-window, " + config.lateWindow()
        + "): their minutes are closed. Send data promptly, drop samples older than that before sending, "
        + "or raise rollup.late-window";
  }

  private int limit(String reason) {
    return switch (reason) {
      case SeriesLimitException.SERVICE_LIMIT -> config.maxServices();
      case SeriesLimitException.INSTANCE_LIMIT -> config.maxInstancesPerService();
      case SeriesLimitException.TOTAL_SERIES_LIMIT -> config.maxTotalSeries();
      default -> config.maxSeriesPerService();
    };
  }

  private String limitDetail(String reason, String service) {
    return switch (reason) {
      case SeriesLimitException.SERVICE_LIMIT -> "service '" + service + "' would exceed the limit of "
          + config.maxServices() + " services (rollup.max-services); check the sender's service or job label, "
          + "or raise rollup.max-services";
      case SeriesLimitException.INSTANCE_LIMIT -> "service '" + service + "' would exceed its limit of "
          + config.maxInstancesPerService() + " instances (live, or gone within rollup.instance-retention "
          + config.instanceRetention() + "); check that the instance label names instances, not requests, "
          + "shorten rollup.instance-retention, or raise rollup.max-instances-per-service";
      case SeriesLimitException.TOTAL_SERIES_LIMIT -> "service '" + service + "' would push the engine over "
          + "its limit of " + config.maxTotalSeries() + " rollup and instance series in all "
          + "(rollup.max-total-series); drop high-cardinality labels (rollup.drop-labels) or raise "
          + "rollup.max-total-series";
      default -> "service '" + service + "' would exceed its limit of " + config.maxSeriesPerService()
          + " rollup series; drop high-cardinality labels (rollup.drop-labels) or raise "
          + "rollup.max-series-per-service";
    };
  }
}
