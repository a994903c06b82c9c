package io.glasshouse.rollup.instances;

import io.glasshouse.rollup.query.LabelMatcher;
import io.glasshouse.rollup.query.SelectorParser;
import io.glasshouse.rollup.sample.Labels;
import java.util.ArrayList;
import java.util.List;

/**
 * Which of a service's metrics count its requests, which requests are errors, and which histogram is its
 * latency: what per-instance figures are made of.
 *
 * <p>{@code requests}: metric names in order of preference. A counter counts its increase; a histogram
 * (Micrometer's timers arrive as {@code http_server_requests}) counts its observations; a Prometheus classic
 * histogram's {@code <name>_count} part counts too when {@code <name>} is listed. Each instance uses the most
 * preferred one it sends (switching to a preferred one when it first appears), so a service that sends both
 * {@code http_requests_total} and a request histogram is never counted twice.
 *
 * <p>{@code errors}: selectors in the read API's syntax; a request is an error when its labels match <em>any</em>
 * of them (every matcher of that selector). {@code latency}: histogram names in order of preference; full
 * histograms only (OTLP, JSON, native histograms); the parts of a Prometheus classic histogram do not feed
 * per-instance latency.
 *
 * @param requests request metrics, most preferred first
 * @param errors selectors of error requests (any of them)
 * @param latency latency histograms, most preferred first
 */
public record Signals(List<String> requests, List<List<LabelMatcher>> errors, List<String> latency) {
  /** Selectors of the defaults: HTTP 5xx as Micrometer, Prometheus client libraries and OpenTelemetry label it. */
  public static final List<String> DEFAULT_ERRORS = List.of("status=~\"5..\"", "outcome=\"SERVER_ERROR\"",
      "code=~\"5..\"", "http_response_status_code=~\"5..\"", "http_status_code=~\"5..\"");

  public Signals {
    requests = List.copyOf(requests);
    errors = List.copyOf(errors);
    latency = List.copyOf(latency);
  }

  /**
   * The defaults: requests from {@code http_server_requests} (Micrometer over OTLP), {@code http_requests_total}
   * (Prometheus client libraries), {@code http_server_requests_seconds} (Micrometer's Prometheus registry),
   * {@code http_server_request_duration} and {@code http_server_duration} (OpenTelemetry semantic conventions),
   * {@code http_request_duration_seconds}; errors as {@link #DEFAULT_ERRORS}; latency from the same histograms.
   */
  public static Signals defaults() {
    List<String> histograms = List.of("http_server_requests", "http_server_requests_seconds",
        "http_server_request_duration", "http_server_request_duration_seconds", "http_server_duration",
        "http_request_duration_seconds");
    List<String> requests = new ArrayList<>();
    requests.add("http_server_requests");
    requests.add("http_requests_total");
    requests.addAll(histograms.subList(1, histograms.size()));
    return new Signals(requests, parse(DEFAULT_ERRORS, "rollup.instances.errors"), histograms);
  }

  /** Parses selectors, naming {@code key} and the index of a bad one. */
  static List<List<LabelMatcher>> parse(List<String> selectors, String key) {
    List<List<LabelMatcher>> out = new ArrayList<>();
    for (int i = 0; i < selectors.size(); i++) {
      try {
        out.add(List.copyOf(SelectorParser.parse(selectors.get(i))));
      } catch (RuntimeException e) {
        throw new IllegalArgumentException(key + "[" + i + "] is not a selector such as status=~\"5..\": "
            + e.getMessage());
      }
    }
    return out;
  }

  /** Preference rank of {@code metric} as a request metric (0 best), or -1. */
  public int requestRank(String metric) {
    return requests.indexOf(metric);
  }

  /** Preference rank of {@code metric} as a latency histogram (0 best), or -1. */
  public int latencyRank(String metric) {
    return latency.indexOf(metric);
  }

  /** Whether a request with these labels is an error. */
  public boolean isError(Labels labels) {
    for (List<LabelMatcher> selector : errors) {
      boolean all = !selector.isEmpty();
      for (LabelMatcher m : selector) {
        if (!m.matches(labels)) {
          all = false;
          break;
        }
      }
      if (all) {
        return true;
      }
    }
    return false;
  }
}
