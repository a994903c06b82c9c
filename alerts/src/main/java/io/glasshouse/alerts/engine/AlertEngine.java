package io.glasshouse.alerts.engine;

import io.glasshouse.alerts.config.AlertsConfig;
import io.glasshouse.alerts.nflog.Delivery;
import io.glasshouse.alerts.nflog.NotificationLog;
import io.glasshouse.alerts.receiver.AlertmanagerForwarder;
import io.glasshouse.alerts.receiver.HttpSender;
import io.glasshouse.alerts.receiver.Integration;
import io.glasshouse.alerts.receiver.Notification;
import io.glasshouse.alerts.receiver.Receiver;
import io.glasshouse.alerts.route.Dispatcher;
import io.glasshouse.alerts.route.Matcher;
import io.glasshouse.alerts.rule.Candidate;
import io.glasshouse.alerts.rule.Rule;
import io.glasshouse.alerts.rule.StaffLinks;
import io.glasshouse.alerts.rule.Template;
import io.glasshouse.alerts.silence.Silence;
import io.glasshouse.alerts.silence.Silences;
import io.glasshouse.alerts.state.Alert;
import io.glasshouse.alerts.state.AlertState;
import io.glasshouse.alerts.state.Lifecycle;
import io.glasshouse.alerts.store.AlertStore;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The alert engine: every evaluation interval ({@link #cycle()}) it evaluates the rules, moves their alerts
 * through the {@link Lifecycle}, persists what changed, routes firing and resolved alerts through the {@link
 * Dispatcher} (grouping, silences, inhibition, deduplication against the notification log), delivers the due
 * notifications with retries, forwards alerts to Alertmanagers, and records each delivery.
 *
 * <p>Time comes only from the injected {@link Clock}. Store calls run on a worker ({@code executeBlocking}, ordered);
 * cycles never overlap ({@link #cycle()} while one runs returns the running one). On {@link #open} the alerts,
 * silences and notification log are read back, so a restart neither re-pages what was delivered (the log says
 * so) nor forgets what fired (the alerts are back, pending ones with their original {@code activeAt}).
 *
 * <p>Meters: {@code glasshouse.alerts.active{state}}, {@code glasshouse.alerts.rules.failing}, {@code
 * glasshouse.alerts.rule.evaluation.failures{rule}}, and the delivery meters of {@link HttpSender}.
 */
public final class AlertEngine {
  private static final Logger LOG = LoggerFactory.getLogger(AlertEngine.class);

  private final Vertx vertx;
  private final Clock clock;
  private final AlertsConfig config;
  private final AlertStore store;
  private final MeterRegistry registry;
  private final HttpSender sender;
  private final Dispatcher dispatcher;
  private final AlertmanagerForwarder forwarder;
  private final Silences silences = new Silences();
  private final NotificationLog nflog = new NotificationLog();
  private final Map<String, Map<String, Alert>> byRule = new ConcurrentHashMap<>();
  private final Map<String, String> ruleErrors = new ConcurrentHashMap<>();
  private volatile List<Rule> rules;
  private Future<Void> running;
  private long timer = -1;

  private AlertEngine(Vertx vertx, Clock clock, AlertsConfig config, AlertStore store, MeterRegistry registry) {
    this.vertx = vertx;
    this.clock = clock;
    this.config = config;
    this.store = store;
    this.registry = registry;
    this.sender = new HttpSender(vertx, config.retry(), registry, clock);
    Map<String, List<Dispatcher.Target>> targets = new HashMap<>();
    config.receivers().forEach((n, r) -> targets.put(n, r.integrations().stream()
        .map(i -> new Dispatcher.Target(i.sendResolved(), i.acknowledges())).toList()));
    this.rules = config.rules();
    this.dispatcher = new Dispatcher(config.route(), inhibitions(config.rules()), targets);
    this.forwarder = new AlertmanagerForwarder(config.alertmanagers(), config.resendDelay(),
        config.evaluationInterval());
    for (AlertState s : AlertState.values()) {
      Gauge.builder("glasshouse.alerts.active", this, e -> e.alerts().stream().filter(a -> a.state() == s).count())
          .tag("state", s.key()).description("Alerts by state").register(registry);
    }
    Gauge.builder("glasshouse.alerts.rules.failing", ruleErrors, Map::size)
        .description("Rules whose last evaluation failed").register(registry);
  }

  /** Opens the engine, reading back alerts, silences and the notification log from {@code store}. */
  public static Future<AlertEngine> open(Vertx vertx, Clock clock, AlertsConfig config, AlertStore store,
      MeterRegistry registry) {
    AlertEngine e = new AlertEngine(vertx, clock, config, store, registry);
    return vertx.executeBlocking(() -> {
      for (Alert a : store.alerts()) {
        e.byRule.computeIfAbsent(a.rule(), k -> new ConcurrentHashMap<>()).put(a.fingerprint(), a);
      }
      e.silences.restore(store.silences());
      e.nflog.restore(store.nflog(), store.deliveries(NotificationLog.DELIVERIES));
      return e;
    }, false);
  }

  /** Runs {@link #cycle()} every evaluation interval. */
  public synchronized void start() {
    if (timer < 0) {
      timer = vertx.setPeriodic(config.evaluationInterval().toMillis(),
          id -> cycle().onFailure(err -> LOG.warn("alert evaluation cycle failed: {}", err.toString())));
    }
  }

  public synchronized void stop() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
      timer = -1;
    }
  }

  /** One evaluation and dispatch at the clock's now; completes when every delivery of it has been recorded. */
  public synchronized Future<Void> cycle() {
    if (running != null) {
      return running;
    }
    Instant now = clock.instant();
    Map<Rule, Future<List<Candidate>>> evaluated = new LinkedHashMap<>();
    for (Rule r : rules) {
      Future<List<Candidate>> f;
      try {
        f = r.evaluate(now);
      } catch (RuntimeException ex) {
        f = Future.failedFuture(ex);
      }
      evaluated.put(r, f);
    }
    Future<Void> f = Future.join(new ArrayList<>(evaluated.values()))
        .transform(ar -> vertx.executeBlocking(() -> apply(evaluated, now), true))
        .compose(planned -> deliver(planned, now))
        .andThen(ar -> {
          synchronized (this) {
            running = null;
          }
        });
    running = f.isComplete() ? null : f;
    return f;
  }

  private List<Dispatcher.Planned> apply(Map<Rule, Future<List<Candidate>>> evaluated, Instant now) {
    synchronized (byRule) {
      for (Map.Entry<Rule, Future<List<Candidate>>> e : evaluated.entrySet()) {
        Rule rule = e.getKey();
        Future<List<Candidate>> f = e.getValue();
        if (f.failed()) {
          String why = f.cause().getMessage() == null ? f.cause().toString() : f.cause().getMessage();
          if (!why.equals(ruleErrors.put(rule.name(), why))) {
            LOG.warn("alert rule {} cannot be evaluated: {}", rule.name(), why);
          }
          registry.counter("glasshouse.alerts.rule.evaluation.failures", "rule", rule.name()).increment();
          continue;
        }
        ruleErrors.remove(rule.name());
        List<Candidate> rendered = f.result().stream().map(c -> render(rule, c)).toList();
        Map<String, Alert> before = byRule.getOrDefault(rule.name(), Map.of());
        Map<String, Alert> after = Lifecycle.step(rule.name(), rule.spec().forDuration(),
            rule.spec().keepFiringFor(), rendered, before, now, null);
        after.replaceAll((fp, a) -> a.generatorUrl().isEmpty() ? withGenerator(a) : a);
        for (String fp : Lifecycle.changed(before, after)) {
          Alert a = after.get(fp);
          if (a == null) {
            store.deleteAlert(rule.name(), fp);
          } else {
            store.saveAlert(a);
          }
        }
        byRule.put(rule.name(), new ConcurrentHashMap<>(after));
      }
      retire(evaluated.keySet(), now);
      return dispatcher.step(alerts(), silences, nflog, now, config.externalUrl());
    }
  }

  /**
   * The alerts of rules no longer in the rule set (removed through the config API, or gone from the file since the
   * last run) resolve now, so receivers hear of it, and are dropped once their resolution has been kept long
   * enough, as the lifecycle keeps any resolved alert.
   */
  private void retire(java.util.Set<Rule> current, Instant now) {
    java.util.Set<String> names = new java.util.HashSet<>();
    current.forEach(r -> names.add(r.name()));
    for (String name : List.copyOf(byRule.keySet())) {
      if (names.contains(name)) {
        continue;
      }
      Map<String, Alert> before = byRule.get(name);
      Map<String, Alert> after = Lifecycle.step(name, java.time.Duration.ZERO, java.time.Duration.ZERO, List.of(),
          before, now, null);
      for (String fp : Lifecycle.changed(before, after)) {
        Alert a = after.get(fp);
        if (a == null) {
          store.deleteAlert(name, fp);
        } else {
          store.saveAlert(a);
        }
      }
      if (after.isEmpty()) {
        byRule.remove(name);
      } else {
        byRule.put(name, new ConcurrentHashMap<>(after));
      }
    }
  }

  /**
   * Evaluates {@code next} from the next cycle on, without a restart. Alerts of a rule that stays (same name) keep
   * their state (pending since, firing since, what was delivered), whether or not its definition changed; a changed
   * definition decides at the next cycle whether they still hold. Alerts of a rule that is gone resolve at the next
   * cycle. Inhibitions the rules bring (burn-rate and capacity tiers) follow the new set.
   *
   * @throws IllegalArgumentException when two rules share a name (nothing changes)
   */
  public void replaceRules(List<Rule> next) {
    java.util.Set<String> names = new java.util.HashSet<>();
    for (Rule r : next) {
      if (!names.add(r.name())) {
        throw new IllegalArgumentException("two alert rules are named '" + r.name() + "'; names must be unique");
      }
    }
    synchronized (byRule) {
      rules = List.copyOf(next);
      dispatcher.replaceInhibitRules(inhibitions(rules));
      ruleErrors.keySet().retainAll(names);
    }
    LOG.info("alert rules replaced: {} rule(s) now", next.size());
  }

  /** The rules evaluated now. */
  public List<Rule> rules() {
    return rules;
  }

  private List<io.glasshouse.alerts.route.InhibitRule> inhibitions(List<Rule> rs) {
    java.util.LinkedHashSet<io.glasshouse.alerts.route.InhibitRule> all = new java.util.LinkedHashSet<>(
        config.inhibitRules());
    rs.forEach(r -> all.addAll(r.inhibitions()));
    return List.copyOf(all);
  }

  private Alert withGenerator(Alert a) {
    String url = a.annotations().getOrDefault("staff_url", config.externalUrl() + StaffLinks.ALERTS);
    return new Alert(a.rule(), a.labels(), a.annotations(), a.state(), a.activeAt(), a.startsAt(), a.endsAt(),
        a.lastSeenAt(), a.value(), url);
  }

  /** Labels: the candidate's, the rule's (templated), {@code alertname}; annotations: figures plus templates. */
  Candidate render(Rule rule, Candidate c) {
    String ext = config.externalUrl();
    TreeMap<String, String> labels = new TreeMap<>(c.labels());
    rule.spec().labels().forEach((k, v) -> labels.put(k, Template.render(v, c.labels(), c.annotations(), c.value(),
        ext)));
    labels.putIfAbsent("alertname", rule.name());
    TreeMap<String, String> ann = new TreeMap<>(c.annotations());
    rule.spec().annotations().forEach((k, v) -> ann.put(k, Template.render(v, labels, c.annotations(), c.value(),
        ext)));
    String staff = ann.get("staff_url");
    if (staff != null && staff.startsWith("/")) {
      ann.put("staff_url", ext + staff);
    }
    return new Candidate(labels, ann, c.value());
  }

  private Future<Void> deliver(List<Dispatcher.Planned> planned, Instant now) {
    List<Future<?>> all = new ArrayList<>();
    for (Dispatcher.Planned p : planned) {
      all.add(send(p, now));
    }
    if (forwarder.enabled()) {
      all.add(forwarder.forward(alerts(), now, sender).compose(results -> vertx.executeBlocking(() -> {
        for (HttpSender.Result r : results) {
          record(new Delivery(now, "alertmanager", "alertmanager", "", "forward", 0,
              r.delivered() ? "delivered" : "failed", r.attempts(), r.error()));
        }
        return null;
      }, true)));
    }
    return Future.join(all).mapEmpty();
  }

  private Future<Void> send(Dispatcher.Planned p, Instant now) {
    Notification n = p.notification();
    if (n == null) {
      return vertx.executeBlocking(() -> {
        logSent(p);
        return null;
      }, true);
    }
    Integration i = config.receivers().get(n.receiver()).integrations().get(p.integration());
    return i.send(n, sender).compose(r -> vertx.executeBlocking(() -> {
      record(new Delivery(now, n.receiver(), i.kind(), n.groupKey(), n.status(), n.alerts().size(),
          r.delivered() ? "delivered" : "failed", r.attempts(), r.error()));
      if (r.delivered()) {
        logSent(p);
      }
      return null;
    }, true));
  }

  private void logSent(Dispatcher.Planned p) {
    nflog.log(p.onSuccess());
    store.saveNflog(p.onSuccess());
  }

  private void record(Delivery d) {
    nflog.record(d);
    store.addDelivery(d, NotificationLog.DELIVERIES);
  }

  /** Every alert of every rule (pending, firing, recently resolved). */
  public List<Alert> alerts() {
    List<Alert> out = new ArrayList<>();
    for (Map<String, Alert> m : byRule.values()) {
      out.addAll(m.values());
    }
    return out;
  }

  /** The firing alerts. */
  public List<Alert> firing() {
    return alerts().stream().filter(Alert::firing).toList();
  }

  /** Why a rule cannot be evaluated, per rule name (empty when all evaluate). */
  public Map<String, String> ruleErrors() {
    return Map.copyOf(ruleErrors);
  }

  /** Whether an alert is muted now, and by what ({@code silenced by <id>} or {@code inhibited}). */
  public Optional<String> mutedBy(Alert a) {
    Instant now = clock.instant();
    Optional<String> s = silences.mutedBy(a.labels(), now);
    if (s.isPresent()) {
      return Optional.of("silenced by " + s.get());
    }
    return dispatcher.inhibited(a, firing()) ? Optional.of("inhibited") : Optional.empty();
  }

  public NotificationLog notificationLog() {
    return nflog;
  }

  public List<Silence> silences() {
    return silences.list(clock.instant());
  }

  /** Creates and persists a silence; fails with {@link IllegalArgumentException} naming the field to fix. */
  public Future<Silence> createSilence(List<Matcher> matchers, Instant startsAt, Instant endsAt, String createdBy,
      String comment) {
    Silence s;
    try {
      s = silences.create(matchers, startsAt, endsAt, createdBy, comment, clock.instant());
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(e);
    }
    return vertx.executeBlocking(() -> {
      store.saveSilence(s);
      return s;
    }, true);
  }

  /** Expires and persists a silence; empty when there is no such silence. */
  public Future<Optional<Silence>> expireSilence(String id) {
    Optional<Silence> s = silences.expire(id, clock.instant());
    return vertx.executeBlocking(() -> {
      s.ifPresent(store::saveSilence);
      return s;
    }, true);
  }

  public Clock clock() {
    return clock;
  }

  public AlertsConfig config() {
    return config;
  }

  /** Stops the schedule and closes the HTTP client; the store is the caller's to close. */
  public void close() {
    stop();
    sender.close();
  }

  /** For tests: the alerts as the dispatcher groups them. */
  public Map<String, java.util.Set<String>> groups() {
    return dispatcher.groups();
  }

  static Collection<Alert> none() {
    return List.of();
  }
}
