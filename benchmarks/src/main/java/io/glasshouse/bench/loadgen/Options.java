package io.glasshouse.bench.loadgen;

import io.glasshouse.rollup.cli.DurationConverter;
import io.glasshouse.rollup.cli.HelpOption;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Command-line options of the load generator (a picocli command: {@code loadgen --help}). */
@Command(name = "loadgen", sortOptions = false,
    description = "Offers remote-write or OTLP load to a server and reports what it accepted.")
final class Options implements Callable<Integer> {
  /** The wire format. */
  enum Protocol {
    REMOTE_WRITE("remote-write"), OTLP("otlp");

    final String flag;

    Protocol(String flag) {
      this.flag = flag;
    }

    @Override
    public String toString() {
      return flag;
    }
  }

  @Spec
  CommandSpec spec;
  @Mixin
  HelpOption help;
  @Option(names = "--target", required = true, paramLabel = "URL", description = "base URL "
      + "(http://127.0.0.1:8428) or full endpoint URL; the protocol's standard path (/api/v1/write, /v1/metrics) is "
      + "added to a bare base URL")
  URI target;
  @Option(names = "--protocol", paramLabel = "remote-write|otlp", converter = ProtocolConverter.class,
      defaultValue = "remote-write", description = "request format (default: ${DEFAULT-VALUE})")
  Protocol protocolKind;
  @Option(names = "--instances", paramLabel = "N", defaultValue = "200",
      description = "simulated instances (default: ${DEFAULT-VALUE})")
  int instances;
  @Option(names = "--series", paramLabel = "N", defaultValue = "1000", description = "series per instance "
      + "(default: ${DEFAULT-VALUE}); a remote-write classic histogram is 14 series (12 buckets, _sum, _count), an "
      + "OTLP histogram point is one")
  int series;
  @Option(names = "--samples-per-request", paramLabel = "N",
      description = "samples per request body (default: --series, one instance per request)")
  int samplesPerRequest = -1;
  @Option(names = "--rate", paramLabel = "N", defaultValue = "0",
      description = "samples per second to offer; 0 = as fast as the server answers (default: ${DEFAULT-VALUE})")
  long rate;
  @Option(names = "--duration", paramLabel = "D", defaultValue = "30s", converter = DurationConverter.class,
      description = "measured time, e.g. 30s, 2m (default: ${DEFAULT-VALUE})")
  Duration duration;
  @Option(names = "--warmup", paramLabel = "D", defaultValue = "5s", converter = DurationConverter.class,
      description = "time before measuring, not counted (default: ${DEFAULT-VALUE}); the window also waits until "
          + "one full round was answered, so series creation is not measured")
  Duration warmup;
  @Option(names = "--concurrency", paramLabel = "N", defaultValue = "8",
      description = "requests in flight (default: ${DEFAULT-VALUE})")
  int concurrency;
  @Option(names = "--mix", paramLabel = "counters|gauges|histograms|mixed", defaultValue = "counters",
      description = "series kinds (default: ${DEFAULT-VALUE}); mixed = 50% counters, 30% gauges, 20% histograms")
  Mix mix;
  @Option(names = "--server-pid", paramLabel = "PID",
      description = "report this process's peak RSS (VmHWM, VmRSS every 100 ms) and CPU use")
  long serverPid = -1;
  @Option(names = "--progress", paramLabel = "D", defaultValue = "5s", converter = DurationConverter.class,
      description = "interval of progress lines (default: ${DEFAULT-VALUE})")
  Duration progress;
  @Option(names = "--rounds-ahead", paramLabel = "N", defaultValue = "3",
      description = "rounds of request bodies the encoder thread keeps ready (default: ${DEFAULT-VALUE})")
  int roundsAhead;
  @Option(names = "--seed", paramLabel = "N", defaultValue = "42",
      description = "seed of the value model (default: ${DEFAULT-VALUE})")
  long seed;
  String protocol;

  /** Checks the values picocli cannot, fills the defaults that depend on others, then runs the load. */
  @Override
  public Integer call() throws Exception {
    validate();
    return LoadGenerator.run(this);
  }

  void validate() {
    positive("--instances", instances);
    positive("--series", series);
    positive("--concurrency", concurrency);
    positive("--rounds-ahead", roundsAhead);
    if (samplesPerRequest == -1) {
      samplesPerRequest = series;
    }
    positive("--samples-per-request", samplesPerRequest);
    if (rate < 0) {
      throw new ParameterException(spec.commandLine(), "--rate must be 0 (unlimited) or positive, was " + rate);
    }
    protocol = protocolKind.flag;
  }

  /** The endpoint URL: the target as given when it has a path, else the protocol's standard path. */
  URI endpoint() {
    String path = target.getPath();
    if (path == null || path.isEmpty() || path.equals("/")) {
      return target.resolve(protocol.equals("otlp") ? "/v1/metrics" : "/api/v1/write");
    }
    return target;
  }

  private void positive(String name, long v) {
    if (v < 1) {
      throw new ParameterException(spec.commandLine(), name + " must be at least 1, was " + v);
    }
  }

  /** {@code remote-write} or {@code otlp}. */
  static final class ProtocolConverter implements picocli.CommandLine.ITypeConverter<Protocol> {
    @Override
    public Protocol convert(String value) {
      for (Protocol p : Protocol.values()) {
        if (p.flag.equals(value)) {
          return p;
        }
      }
      throw new picocli.CommandLine.TypeConversionException("expected remote-write or otlp, got '" + value + "'");
    }
  }
}
