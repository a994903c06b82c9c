package io.glasshouse.bench.loadgen;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;

/** Command-line options of the load generator; see {@link #USAGE}. */
final class Options {
  static final String USAGE = """
      usage: loadgen --target URL [options]
        --target URL                 base URL (http://127.0.0.1:8428) or full endpoint URL; the protocol's
                                     standard path (/api/v1/write, /v1/metrics) is added to a bare base URL
        --protocol remote-write|otlp request format (remote-write)
        --instances N                simulated instances (200)
        --series N                   series per instance (1000); a remote-write classic histogram is 14 series
                                     (12 buckets, _sum, _count), an OTLP histogram point is one
        --samples-per-request N      samples per request body (default = --series: one instance per request)
        --rate N                     samples per second to offer; 0 = as fast as the server answers (0)
        --duration D                 measured time, e.g. 30s, 2m (30s)
        --warmup D                   time before measuring, not counted (5s); the window also waits until
                                     one full round was answered, so series creation is not measured
        --concurrency N              requests in flight (8)
        --mix counters|gauges|histograms|mixed   series kinds (counters); mixed = 50% counters, 30% gauges,
                                     20% histograms
        --server-pid PID             report this process's peak RSS (VmHWM, VmRSS every 100 ms) and CPU use
        --progress D                 interval of progress lines (5s)
        --rounds-ahead N             rounds of request bodies the encoder thread keeps ready (3)
        --seed N                     seed of the value model (42)""";

  URI target;
  String protocol = "remote-write";
  int instances = 200;
  int series = 1000;
  int samplesPerRequest = -1;
  long rate;
  Duration duration = Duration.ofSeconds(30);
  Duration warmup = Duration.ofSeconds(5);
  int concurrency = 8;
  Mix mix = Mix.COUNTERS;
  long serverPid = -1;
  Duration progress = Duration.ofSeconds(5);
  int roundsAhead = 3;
  long seed = 42;

  static Options parse(String[] args) {
    Options o = new Options();
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (a.equals("-h") || a.equals("--help")) {
        throw new UsageException(null);
      }
      String value;
      int eq = a.indexOf('=');
      String name = eq > 0 ? a.substring(0, eq) : a;
      if (eq > 0) {
        value = a.substring(eq + 1);
      } else {
        if (i + 1 >= args.length) {
          throw new UsageException(a + " needs a value");
        }
        value = args[++i];
      }
      try {
        switch (name) {
          case "--target" -> o.target = URI.create(value);
          case "--protocol" -> o.protocol = protocol(value);
          case "--instances" -> o.instances = positive(name, value);
          case "--series" -> o.series = positive(name, value);
          case "--samples-per-request" -> o.samplesPerRequest = positive(name, value);
          case "--rate" -> o.rate = Long.parseLong(value);
          case "--duration" -> o.duration = duration(value);
          case "--warmup" -> o.warmup = duration(value);
          case "--concurrency" -> o.concurrency = positive(name, value);
          case "--mix" -> o.mix = Mix.valueOf(value.toUpperCase(Locale.ROOT));
          case "--server-pid" -> o.serverPid = Long.parseLong(value);
          case "--progress" -> o.progress = duration(value);
          case "--rounds-ahead" -> o.roundsAhead = positive(name, value);
          case "--seed" -> o.seed = Long.parseLong(value);
          default -> throw new UsageException("unknown option " + name);
        }
      } catch (IllegalArgumentException e) {
        if (e instanceof UsageException) {
          throw e;
        }
        throw new UsageException("bad value for " + name + ": '" + value + "' (" + e.getMessage() + ")");
      }
    }
    if (o.target == null) {
      throw new UsageException("--target is required");
    }
    if (o.samplesPerRequest < 0) {
      o.samplesPerRequest = o.series;
    }
    if (o.rate < 0) {
      throw new UsageException("--rate must be 0 (unlimited) or positive");
    }
    return o;
  }

  /** The endpoint URL: the target as given when it has a path, else the protocol's standard path. */
  URI endpoint() {
    String path = target.getPath();
    if (path == null || path.isEmpty() || path.equals("/")) {
      return target.resolve(protocol.equals("otlp") ? "/v1/metrics" : "/api/v1/write");
    }
    return target;
  }

  private static String protocol(String v) {
    if (!v.equals("remote-write") && !v.equals("otlp")) {
      throw new IllegalArgumentException("remote-write or otlp");
    }
    return v;
  }

  private static int positive(String name, String v) {
    int n = Integer.parseInt(v);
    if (n < 1) {
      throw new IllegalArgumentException(name + " must be at least 1");
    }
    return n;
  }

  static Duration duration(String v) {
    String s = v.trim().toLowerCase(Locale.ROOT);
    if (s.endsWith("ms")) {
      return Duration.ofMillis(Long.parseLong(s.substring(0, s.length() - 2)));
    }
    char unit = s.charAt(s.length() - 1);
    if (Character.isDigit(unit)) {
      return Duration.ofSeconds(Long.parseLong(s));
    }
    long n = Long.parseLong(s.substring(0, s.length() - 1));
    return switch (unit) {
      case 's' -> Duration.ofSeconds(n);
      case 'm' -> Duration.ofMinutes(n);
      case 'h' -> Duration.ofHours(n);
      default -> throw new IllegalArgumentException("durations look like 500ms, 30s, 2m, 1h");
    };
  }

  /** A bad command line; the message says what is wrong (null: just print the usage). */
  static final class UsageException extends IllegalArgumentException {
    UsageException(String message) {
      super(message);
    }
  }
}
