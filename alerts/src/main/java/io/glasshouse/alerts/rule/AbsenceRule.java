package io.glasshouse.alerts.rule;

import io.glasshouse.rollup.query.QueryService;
import io.glasshouse.rollup.series.ServiceSummary;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Absence: a service with no live instance. With {@code services} listed, each listed service that is unknown or
 * has no live instance is a candidate; with none listed, every known service without a live instance is. Use
 * {@code for} for "for a configured time".
 */
public final class AbsenceRule implements Rule {
  private final RuleSpec spec;
  private final QueryService queries;
  private final List<String> services;

  public AbsenceRule(RuleSpec spec, QueryService queries, List<String> services) {
    this.spec = spec;
    this.queries = queries;
    this.services = List.copyOf(services);
  }

  @Override
  public RuleSpec spec() {
    return spec;
  }

  @Override
  public Future<List<Candidate>> evaluate(Instant now) {
    return queries.services().map(all -> {
      Map<String, ServiceSummary> known = new LinkedHashMap<>();
      all.forEach(s -> known.put(s.service(), s));
      List<String> wanted = services.isEmpty() ? new ArrayList<>(known.keySet()) : services;
      List<Candidate> out = new ArrayList<>();
      for (String name : wanted) {
        ServiceSummary s = known.get(name);
        if (s != null && s.liveInstances() > 0) {
          continue;
        }
        String why = s == null ? "has never reported" : "has no live instance (" + s.staleInstances() + " stale)";
        out.add(Candidate.of(Map.of("service", name), Map.of("summary", "Service " + name + " " + why,
            "live_instances", "0", "staff_url", StaffLinks.instances(name)), 0));
      }
      return out;
    });
  }
}
