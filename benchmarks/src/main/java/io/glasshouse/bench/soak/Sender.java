package io.glasshouse.bench.soak;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sends readings to {@code POST /api/v1/ingest} as a real sender would: a reading counts as sent only when it got
 * a 2xx; anything else that may clear (no connection, a timeout, 5xx, 429) is retried, unchanged, until it does.
 * A 4xx other than 429 is never retried (it cannot succeed) and is remembered as a failure of the run.
 */
final class Sender {
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
  private final URI ingest;
  private final Tally tally;
  final AtomicLong acked = new AtomicLong();
  final AtomicLong retries = new AtomicLong();
  final Map<String, AtomicLong> outcomes = new ConcurrentHashMap<>();
  final List<String> refused = java.util.Collections.synchronizedList(new ArrayList<>());

  Sender(String base, Tally tally) {
    this.ingest = URI.create(base + "/api/v1/ingest");
    this.tally = tally;
  }

  /** Sends every reading concurrently and returns once each got its 2xx (or a final 4xx). */
  void sendAll(List<SimInstance.Reading> readings) throws InterruptedException {
    List<SimInstance.Reading> pending = readings;
    while (!pending.isEmpty()) {
      List<CompletableFuture<Boolean>> done = new ArrayList<>();
      for (SimInstance.Reading r : pending) {
        done.add(sendOnce(r));
      }
      List<SimInstance.Reading> again = new ArrayList<>();
      for (int i = 0; i < pending.size(); i++) {
        if (!done.get(i).join()) {
          again.add(pending.get(i));
        }
      }
      if (!again.isEmpty()) {
        retries.addAndGet(again.size());
        Thread.sleep(200);
      }
      pending = again;
    }
  }

  private CompletableFuture<Boolean> sendOnce(SimInstance.Reading r) {
    HttpRequest req = HttpRequest.newBuilder(ingest).timeout(Duration.ofSeconds(15))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(r.json())).build();
    return http.sendAsync(req, HttpResponse.BodyHandlers.ofString()).handle((resp, err) -> {
      if (err != null) {
        count("no answer");
        return false;
      }
      int s = resp.statusCode();
      count(Integer.toString(s));
      if (s / 100 == 2) {
        tally.acknowledged(r);
        acked.incrementAndGet();
        return true;
      }
      if (s / 100 == 4 && s != 429) {
        refused.add(s + " " + resp.body());
        return true;
      }
      return false;
    });
  }

  private void count(String outcome) {
    outcomes.computeIfAbsent(outcome, k -> new AtomicLong()).incrementAndGet();
  }
}
