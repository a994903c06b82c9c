package io.glasshouse.demo;

import io.glasshouse.demo.DemoStatus.IncidentKind;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;

/**
 * The request side of the demo history: per historical instance and step, {@code http_server_requests} as delta
 * histograms (as the live fleet's Micrometer timers, without the {@code method}/{@code uri} split) for
 * {@code status} 200 ({@code SUCCESS}), 404 ({@code CLIENT_ERROR}) and 500 ({@code SERVER_ERROR}), with the live
 * fleet's traffic (Poisson around {@code peakRps × load}), error rates (2 % client, 0.2 % server) and latency
 * (each endpoint's log-normal median, slower under load, a 1 % tail), so SLOs over request counts and latency
 * have 90 days to work on. Bucket counts follow the latency distribution exactly in expectation (cumulative
 * counts rounded), at the bounds in {@link #BOUNDS}, which include the live SLO buckets (50 ms … 1 s).
 *
 * <p>{@link #PAST_INCIDENTS} of known size and date are written into it.
 */
final class RequestHistory {
  /** Histogram samples per instance and step. */
  static final int SERIES = 3;
  static final double[] BOUNDS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};
  static final double BASE_SERVER_ERRORS = 0.002;
  static final double CLIENT_ERRORS = 0.02;
  private static final double SIGMA = 0.45;
  private static final JsonObject OK = new JsonObject().put("status", "200").put("outcome", "SUCCESS");
  private static final JsonObject CLIENT = new JsonObject().put("status", "404").put("outcome", "CLIENT_ERROR");
  private static final JsonObject SERVER = new JsonObject().put("status", "500").put("outcome", "SERVER_ERROR");

  private RequestHistory() {
  }

  /**
   * An incident of the past: an error burst ({@code size}: the share of requests failing with 500) or a latency
   * regression ({@code size}: how many times slower, on the first half of the service's instances, as a canary
   * would be), {@code ago} before the history's end, lasting {@code duration}.
   */
  record PastIncident(String service, IncidentKind kind, Duration ago, Duration duration, double size) {
    Instant start(Instant anchor) {
      return anchor.minus(ago);
    }

    boolean covers(Instant anchor, long t) {
      long s = start(anchor).toEpochMilli();
      return t >= s && t < s + duration.toMillis();
    }
  }

  /** The incidents written into 90 days of history (those of services the demo runs). */
  static final List<PastIncident> PAST_INCIDENTS = List.of(
      new PastIncident("checkout", IncidentKind.ERROR_BURST, Duration.ofDays(75).plusHours(3), Duration.ofHours(1),
          0.20),
      new PastIncident("search", IncidentKind.LATENCY_REGRESSION, Duration.ofDays(52).plusHours(6),
          Duration.ofMinutes(90), 3.0),
      new PastIncident("accounts", IncidentKind.ERROR_BURST, Duration.ofDays(33).plusHours(7),
          Duration.ofMinutes(30), 0.35),
      new PastIncident("checkout", IncidentKind.LATENCY_REGRESSION, Duration.ofDays(17).plusHours(2),
          Duration.ofHours(2), 2.5),
      new PastIncident("search", IncidentKind.ERROR_BURST, Duration.ofDays(9).plusHours(5), Duration.ofHours(4),
          0.05),
      new PastIncident("accounts", IncidentKind.LATENCY_REGRESSION, Duration.ofDays(3).plusHours(1),
          Duration.ofMinutes(45), 4.0));

  /**
   * Appends the three histogram samples of one instance at {@code t} to {@code out}.
   *
   * @param canary whether the instance is in the first half of its service (the one a regression hits)
   */
  static void append(io.vertx.core.json.JsonArray out, DemoBackfill.History h, boolean canary, Instant anchor,
      Duration day, long t, double stepSeconds, Random random) {
    ServiceProfile p = h.profile();
    double load = Cycles.loadAt(Instant.ofEpochMilli(t), anchor, day);
    double serverErrors = BASE_SERVER_ERRORS;
    double slower = 1;
    for (PastIncident i : PAST_INCIDENTS) {
      if (i.service().equals(p.name()) && i.covers(anchor, t)) {
        if (i.kind() == IncidentKind.ERROR_BURST) {
          serverErrors = i.size();
        } else if (canary) {
          slower = i.size();
        }
      }
    }
    double mean = p.peakRps() * load * stepSeconds;
    long n = Math.max(0, Math.round(mean + Math.sqrt(mean) * random.nextGaussian()));
    long server = share(n, serverErrors, random);
    long client = share(n - server, CLIENT_ERRORS, random);
    long ok = n - server - client;
    double scale = h.speed() * (1 + 0.4 * load) * slower;
    out.add(histogram(OK, ok, p, scale, t));
    out.add(histogram(CLIENT, client, p, scale * 0.3, t));
    out.add(histogram(SERVER, server, p, scale * 0.6, t));
  }

  private static long share(long n, double ratio, Random random) {
    double m = n * ratio;
    long k = Math.round(m + Math.sqrt(m * (1 - ratio)) * random.nextGaussian());
    return Math.max(0, Math.min(n, k));
  }

  private static JsonObject histogram(JsonObject labels, long n, ServiceProfile p, double scale, long t) {
    JsonObject buckets = new JsonObject();
    double total = p.endpoints().stream().mapToDouble(ServiceProfile.Endpoint::weight).sum();
    double meanSeconds = 0;
    for (ServiceProfile.Endpoint e : p.endpoints()) {
      meanSeconds += e.weight() / total * e.medianMillis() / 1000 * scale * Math.exp(SIGMA * SIGMA / 2) * 1.05;
    }
    for (double b : BOUNDS) {
      double f = 0;
      for (ServiceProfile.Endpoint e : p.endpoints()) {
        double median = e.medianMillis() / 1000 * scale;
        f += e.weight() / total * (0.99 * phi(Math.log(b / median) / SIGMA)
            + 0.01 * phi(Math.log(b / (6 * median)) / SIGMA));
      }
      buckets.put(Double.toString(b), Math.round(n * f));
    }
    buckets.put("+Inf", n);
    return new JsonObject().put("metric", "http_server_requests").put("type", "histogram")
        .put("temporality", "delta").put("labels", labels).put("buckets", buckets).put("sum", n * meanSeconds)
        .put("timestamp", t);
  }

  /** The standard normal distribution function (Abramowitz and Stegun 7.1.26, error under 1.5e-7). */
  static double phi(double x) {
    double z = Math.abs(x) / Math.sqrt(2);
    double k = 1 / (1 + 0.3275911 * z);
    double erf = 1 - (((((1.061405429 * k - 1.453152027) * k) + 1.421413741) * k - 0.284496736) * k + 0.254829592)
        * k * Math.exp(-z * z);
    return x >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
  }
}
