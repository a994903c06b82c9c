package io.glasshouse.alerts.receiver;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.time.Clock;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts JSON to receivers with a {@link RetryPolicy} and meters the outcome. Retry pauses run on the injected
 * {@link Clock} (checked every {@value #POLL_MS} ms), so a manual clock drives them. URLs and keys are secrets here:
 * logs and errors name the receiver and integration, the HTTP status or the transport failure, never the URL.
 *
 * <p>Meters: {@code glasshouse.alerts.notifications{receiver,integration,outcome=delivered|failed}} per
 * notification, {@code glasshouse.alerts.notification.attempts.failed{receiver,integration}} per failed try
 * (retries included). Key relationship: a rising attempts-failed count with flat failed notifications means
 * retries are absorbing a flaky receiver; failed notifications rising means pages are being lost: alert on it.
 */
public final class HttpSender {
  private static final Logger LOG = LoggerFactory.getLogger(HttpSender.class);
  /** How often a retry pause's end is checked against the clock. */
  private static final long POLL_MS = 50;

  /** The outcome: how many tries, and the last error (null when delivered). */
  public record Result(int attempts, String error) {
    public boolean delivered() {
      return error == null;
    }
  }

  private final Vertx vertx;
  private final WebClient client;
  private final RetryPolicy policy;
  private final MeterRegistry registry;
  private final Clock clock;
  private final RetryPolicy.Jitter jitter;

  /** A sender whose retry pauses are measured on {@code clock}, with full jitter. */
  public HttpSender(Vertx vertx, RetryPolicy policy, MeterRegistry registry, Clock clock) {
    this(vertx, policy, registry, clock, RetryPolicy.Jitter.FULL);
  }

  /**
   * A sender whose retry pauses are measured on {@code clock} (so a manual clock drives them), drawn by
   * {@code jitter}.
   */
  public HttpSender(Vertx vertx, RetryPolicy policy, MeterRegistry registry, Clock clock, RetryPolicy.Jitter jitter) {
    this.vertx = vertx;
    this.clock = clock;
    this.jitter = jitter;
    this.client = WebClient.create(vertx, new WebClientOptions().setUserAgent("Glasshouse-Alerts")
        .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, policy.timeout().toMillis())));
    this.policy = policy;
    this.registry = registry;
  }

  public RetryPolicy policy() {
    return policy;
  }

  /** Posts {@code body} to {@code url}; never fails (the result says how it went). */
  public Future<Result> post(String receiver, String integration, String url, Buffer body,
      Map<String, String> headers) {
    Promise<Result> done = Promise.promise();
    attempt(receiver, integration, url, body, headers, 1, done);
    return done.future().onSuccess(r -> registry.counter("glasshouse.alerts.notifications", "receiver", receiver,
        "integration", integration, "outcome", r.delivered() ? "delivered" : "failed").increment());
  }

  private void attempt(String receiver, String integration, String url, Buffer body, Map<String, String> headers,
      int n, Promise<Result> done) {
    var req = client.postAbs(url).timeout(policy.timeout().toMillis()).putHeader("content-type", "application/json");
    headers.forEach(req::putHeader);
    req.sendBuffer(body).onComplete(ar -> {
      String error;
      boolean retry;
      if (ar.succeeded()) {
        HttpResponse<Buffer> r = ar.result();
        if (r.statusCode() / 100 == 2) {
          done.complete(new Result(n, null));
          return;
        }
        error = "HTTP " + r.statusCode();
        retry = RetryPolicy.retryable(r.statusCode());
      } else {
        Throwable t = ar.cause();
        error = t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + redact(t.getMessage(), url));
        retry = true;
      }
      registry.counter("glasshouse.alerts.notification.attempts.failed", "receiver", receiver, "integration",
          integration).increment();
      if (!retry || n >= policy.attempts()) {
        LOG.warn("alert notification to receiver {} ({}) failed after {} attempt(s): {}", receiver, integration, n,
            error);
        done.complete(new Result(n, error));
        return;
      }
      long pause = policy.backoffMillis(n, jitter);
      if (pause <= 0) {
        attempt(receiver, integration, url, body, headers, n + 1, done);
      } else {
        long until = clock.millis() + pause;
        vertx.setPeriodic(Math.max(1, Math.min(POLL_MS, pause)), id -> {
          if (clock.millis() >= until) {
            vertx.cancelTimer(id);
            attempt(receiver, integration, url, body, headers, n + 1, done);
          }
        });
      }
    });
  }

  /** Removes the URL (which may carry a token) from a transport error message. */
  static String redact(String message, String url) {
    String m = message.replace(url, "<url>");
    try {
      java.net.URI u = java.net.URI.create(url);
      if (u.getRawPath() != null && u.getRawPath().length() > 1) {
        m = m.replace(u.getRawPath(), "<path>");
      }
      if (u.getRawQuery() != null) {
        m = m.replace(u.getRawQuery(), "<query>");
      }
    } catch (IllegalArgumentException e) {
      return "(details withheld)";
    }
    return m;
  }

  public void close() {
    client.close();
  }
}
