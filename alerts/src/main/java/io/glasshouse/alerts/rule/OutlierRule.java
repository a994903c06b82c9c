package io.glasshouse.alerts.rule;

import io.glasshouse.rollup.instances.Deviation;
import io.glasshouse.rollup.instances.InstanceHealth;
import io.glasshouse.rollup.instances.ServiceHealth;
import io.glasshouse.rollup.query.QueryService;
import io.glasshouse.rollup.series.ServiceSummary;
import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Outlier instance: an instance that {@code rollup.instances} finds deviating from its identical peers (error
 * ratio or latency, robust z-score) without a break for at least {@code deviatingFor}. One candidate per such
 * instance, labelled {@code service}, {@code instance} and {@code version} (when known); annotations give each
 * deviating signal's value, the peers' median, the score and since when it deviates.
 *
 * <p>With {@code services} listed only those are judged, else every known service. The deviation's own start
 * ({@code deviatingSinceMs}) is what counts, so a restart of Glasshouse does not restart the wait.
 */
public final class OutlierRule implements Rule {
  private final RuleSpec spec;
  private final QueryService queries;
  private final InstanceHealthSource health;
  private final List<String> services;
  private final Duration deviatingFor;

  public OutlierRule(RuleSpec spec, QueryService queries, InstanceHealthSource health, List<String> services,
      Duration deviatingFor) {
    this.spec = Objects.requireNonNull(spec, "spec");
    this.queries = queries;
    this.health = health;
    this.services = List.copyOf(services);
    this.deviatingFor = Objects.requireNonNull(deviatingFor, "deviatingFor");
  }

  @Override
  public RuleSpec spec() {
    return spec;
  }

  @Override
  public Future<List<Candidate>> evaluate(Instant now) {
    if (health == null) {
      return Future.failedFuture(new IllegalStateException("no instance health (rollup.instances) is connected, so "
          + "outlier instances cannot be found"));
    }
    Future<List<String>> names = !services.isEmpty() || queries == null ? Future.succeededFuture(services)
        : queries.services().map(all -> all.stream().map(ServiceSummary::service).toList());
    return names.compose(list -> {
      List<Future<ServiceHealth>> each = new ArrayList<>();
      list.forEach(s -> each.add(health.health(s)));
      return Future.all(each).map(all -> {
        List<Candidate> out = new ArrayList<>();
        for (int i = 0; i < each.size(); i++) {
          ServiceHealth h = all.resultAt(i);
          if (h != null) {
            h.instances().forEach(inst -> candidate(h, inst, now).ifPresent(out::add));
          }
        }
        return out;
      });
    });
  }

  private java.util.Optional<Candidate> candidate(ServiceHealth h, InstanceHealth inst, Instant now) {
    List<String> why = new ArrayList<>();
    Map<String, String> ann = new LinkedHashMap<>();
    double worst = 0;
    for (Deviation d : inst.deviations()) {
      if (!d.deviating() || d.deviatingSinceMs() == null
          || now.toEpochMilli() - d.deviatingSinceMs() < deviatingFor.toMillis()) {
        continue;
      }
      Instant since = Instant.ofEpochMilli(d.deviatingSinceMs());
      String what = d.signal().equals(Deviation.LATENCY) ? "p" + Template.number(100 * d.quantile()) + " latency "
          + Template.number(d.value()) + " s against the peers' median " + Template.number(d.peerMedian()) + " s"
          : "error ratio " + Template.number(100 * d.value()) + "% against the peers' median "
          + Template.number(100 * d.peerMedian()) + "%";
      why.add(what + " (score " + Template.number(d.score()) + ", " + d.peers() + " peers) since " + since);
      ann.put(d.signal() + "_value", Template.number(d.value()));
      ann.put(d.signal() + "_peer_median", Template.number(d.peerMedian()));
      ann.put(d.signal() + "_score", Template.number(d.score()));
      ann.put(d.signal() + "_deviating_since", since.toString());
      worst = Math.max(worst, d.score());
    }
    if (why.isEmpty()) {
      return java.util.Optional.empty();
    }
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("service", h.service());
    labels.put("instance", inst.instance());
    if (inst.version() != null) {
      labels.put("version", inst.version());
    }
    ann.put("summary", "Instance " + inst.instance() + (inst.version() == null ? "" : " (version " + inst.version()
        + ")") + " of " + h.service() + " deviates from its peers: " + String.join("; ", why));
    ann.put("staff_url", StaffLinks.instances(h.service()));
    return java.util.Optional.of(Candidate.of(labels, ann, worst));
  }
}
