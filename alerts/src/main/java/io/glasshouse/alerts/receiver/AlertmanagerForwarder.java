package io.glasshouse.alerts.receiver;

import io.glasshouse.alerts.state.Alert;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Sends alerts to one or more Alertmanagers with {@code POST /api/v2/alerts}, as Prometheus does: every firing
 * alert at once when it starts firing and again every {@code resendDelay}, with {@code endsAt} = now + 4 ×
 * max(resendDelay, evaluation interval) so Alertmanager resolves it by itself if Glasshouse goes silent; a
 * resolved alert with {@code endsAt} = when it resolved, re-sent every {@code resendDelay} while it is kept.
 * Alertmanager does its own grouping, silencing and routing; Glasshouse's routes do not apply here.
 * Not thread-safe: the engine calls it from one place.
 */
public final class AlertmanagerForwarder {
  private final List<String> urls;
  private final Duration resendDelay;
  private final Duration validFor;
  private final Map<String, Instant> lastSent = new HashMap<>();
  private final Map<String, String> lastState = new HashMap<>();

  /** @param urls base URLs of the Alertmanagers (without {@code /api/v2/alerts}) */
  public AlertmanagerForwarder(List<String> urls, Duration resendDelay, Duration evaluationInterval) {
    this.urls = List.copyOf(urls);
    this.resendDelay = resendDelay;
    this.validFor = (resendDelay.compareTo(evaluationInterval) > 0 ? resendDelay : evaluationInterval).multipliedBy(4);
  }

  public boolean enabled() {
    return !urls.isEmpty();
  }

  /** Sends what is due; the results per Alertmanager, in {@code urls} order (empty when nothing was due). */
  public Future<List<HttpSender.Result>> forward(Collection<Alert> alerts, Instant now, HttpSender sender) {
    JsonArray due = new JsonArray();
    for (Alert a : alerts) {
      if (a.state() == io.glasshouse.alerts.state.AlertState.PENDING) {
        continue;
      }
      String fp = a.fingerprint();
      Instant last = lastSent.get(fp);
      boolean changed = !a.state().key().equals(lastState.get(fp));
      if (changed || last == null || !now.isBefore(last.plus(resendDelay))) {
        due.add(json(a, now));
        lastSent.put(fp, now);
        lastState.put(fp, a.state().key());
      }
    }
    lastSent.keySet().removeIf(fp -> alerts.stream().noneMatch(a -> a.fingerprint().equals(fp)));
    lastState.keySet().retainAll(lastSent.keySet());
    if (due.isEmpty() || urls.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    List<Future<HttpSender.Result>> sends = new ArrayList<>();
    for (String u : urls) {
      String url = u.endsWith("/") ? u.substring(0, u.length() - 1) : u;
      sends.add(sender.post("alertmanager", "alertmanager", url + "/api/v2/alerts", due.toBuffer(), Map.of()));
    }
    return Future.all(sends).map(cf -> sends.stream().map(Future::result).toList());
  }

  JsonObject json(Alert a, Instant now) {
    return new JsonObject()
        .put("labels", WebhookPayload.map(a.labels()))
        .put("annotations", WebhookPayload.map(a.annotations()))
        .put("startsAt", Times.rfc3339(a.startsAt()))
        .put("endsAt", Times.rfc3339(a.resolved() ? a.endsAt() : now.plus(validFor)))
        .put("generatorURL", a.generatorUrl());
  }
}
