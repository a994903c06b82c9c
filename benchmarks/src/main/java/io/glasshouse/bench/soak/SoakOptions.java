package io.glasshouse.bench.soak;

import io.glasshouse.rollup.cli.HelpOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Command-line options of {@code soak} (a picocli command: {@code soak --help}); times in simulated minutes unless
 * said otherwise.
 */
@Command(name = "soak", sortOptions = false,
    description = "Churn, sender and store outages and kill -9 against the packaged server, then its per-minute "
        + "totals against an independent tally.",
    footer = {"", "Real-time variant (timestamps follow the server's clock, e.g. to test timestamp-based eviction):",
        "  --speed 1 --ahead 5 --late-window 15 --sim-minutes 5 --step 5 --churn-every 0.5 \\",
        "  --kills 1,2.5,4 --outage 1.5-3 --store-outage 3.3-3.7",
        "Exit codes: 0 totals equal, 1 a difference or failure, 2 bad arguments."})
final class SoakOptions implements Callable<Integer> {
  @Spec
  CommandSpec spec;
  @Mixin
  HelpOption help;
  @Option(names = "--jar", paramLabel = "PATH", defaultValue = "server/target/glasshouse.jar",
      description = "server jar (default: ${DEFAULT-VALUE})")
  Path jar;
  @Option(names = "--work", paramLabel = "DIR",
      description = "data folder, config and server log go here (default: a new temporary folder)")
  Path work;
  @Option(names = "--port", paramLabel = "N", defaultValue = "18090", description = "(default: ${DEFAULT-VALUE})")
  int port;
  @Option(names = "--sim-minutes", paramLabel = "N", defaultValue = "120",
      description = "simulated minutes (default: ${DEFAULT-VALUE})")
  int simMinutes;
  @Option(names = "--speed", paramLabel = "X", defaultValue = "30",
      description = "simulated seconds per real second (default: ${DEFAULT-VALUE}: 2 h in 4 min)")
  double speed;
  @Option(names = "--step", paramLabel = "S", defaultValue = "15",
      description = "simulated seconds between two reports of an instance (default: ${DEFAULT-VALUE})")
  int stepSeconds;
  @Option(names = "--services", paramLabel = "N", defaultValue = "2", description = "(default: ${DEFAULT-VALUE})")
  int services;
  @Option(names = "--instances", paramLabel = "N", defaultValue = "8",
      description = "per service (default: ${DEFAULT-VALUE})")
  int instances;
  @Option(names = "--seed", paramLabel = "N", defaultValue = "7", description = "(default: ${DEFAULT-VALUE})")
  long seed;
  @Option(names = "--churn-every", paramLabel = "M", defaultValue = "3", description = "one instance dies "
      + "(replaced by a new id) or restarts (same id) every M minutes (default: ${DEFAULT-VALUE})")
  double churnEvery;
  @Option(names = "--kills", paramLabel = "M", split = ",", defaultValue = "12,30,58,80,105",
      description = "kill -9 of the server at these minutes, restarted at once (default: ${DEFAULT-VALUE})")
  List<Double> kills = new ArrayList<>();
  @Option(names = "--outage", paramLabel = "A-B", defaultValue = "40-70", converter = RangeConverter.class,
      description = "the last service's instances are silent from minute A to B (default: ${DEFAULT-VALUE})")
  Range outage;
  @Option(names = "--store-outage", paramLabel = "A-B", defaultValue = "86-96", converter = RangeConverter.class,
      description = "the store's write lock is held from outside from minute A to B (default: ${DEFAULT-VALUE}); "
          + "none: 0-0")
  Range storeOutage;
  @Option(names = "--ahead", paramLabel = "S", defaultValue = "180", description = "simulated time starts S real "
      + "seconds after now, rounded up to a minute (default: ${DEFAULT-VALUE})")
  int aheadSeconds;
  @Option(names = "--late-window", paramLabel = "S", defaultValue = "2", description = "rollup.late-window and "
      + "rollup.stale-after of the server, seconds (default: ${DEFAULT-VALUE}); the eviction window is twice it")
  int lateWindowSeconds;
  double outageFrom;
  double outageTo;
  double storeOutageFrom;
  double storeOutageTo;

  /** Checks what picocli cannot, then runs the soak. */
  @Override
  public Integer call() throws Exception {
    validate();
    return Soak.run(this);
  }

  void validate() {
    if (services < 1 || instances < 2 || simMinutes < 2 || speed <= 0 || stepSeconds < 1 || aheadSeconds < 0
        || lateWindowSeconds < 1) {
      throw new ParameterException(spec.commandLine(), "--services ≥ 1, --instances ≥ 2, --sim-minutes ≥ 2, "
          + "--speed > 0, --step ≥ 1, --ahead ≥ 0, --late-window ≥ 1");
    }
    outageFrom = outage.from();
    outageTo = outage.to();
    storeOutageFrom = storeOutage.from();
    storeOutageTo = storeOutage.to();
  }

  /** From minute A to minute B. */
  record Range(double from, double to) {
  }

  /** {@code A-B}, two numbers of minutes. */
  static final class RangeConverter implements ITypeConverter<Range> {
    @Override
    public Range convert(String v) {
      String[] p = v.split("-");
      if (p.length != 2) {
        throw new IllegalArgumentException("takes A-B (minutes), got '" + v + "'");
      }
      return new Range(Double.parseDouble(p[0].trim()), Double.parseDouble(p[1].trim()));
    }
  }

  /** Real milliseconds after the start of the fleet at which simulated minute {@code m} begins. */
  long realMs(double m) {
    return Math.round(m * 60_000 / speed);
  }
}
