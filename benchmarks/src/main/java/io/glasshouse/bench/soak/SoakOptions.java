package io.glasshouse.bench.soak;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Command-line options of {@code soak}; times in simulated minutes unless said otherwise. */
final class SoakOptions {
  Path jar = Path.of("server/target/glasshouse.jar");
  Path work;
  int port = 18090;
  int simMinutes = 120;
  double speed = 30;
  int stepSeconds = 15;
  int services = 2;
  int instances = 8;
  long seed = 7;
  double churnEvery = 3;
  List<Double> kills = new ArrayList<>(List.of(12.0, 30.0, 58.0, 80.0, 105.0));
  double outageFrom = 40;
  double outageTo = 70;
  double storeOutageFrom = 86;
  double storeOutageTo = 96;
  int aheadSeconds = 180;
  int lateWindowSeconds = 2;

  static final String HELP = """
      usage: java -jar glasshouse-bench.jar soak [options]
        --jar PATH            server jar (server/target/glasshouse.jar)
        --work DIR            data folder, config and server log go here (a new temporary folder)
        --port N              18090
        --sim-minutes N       simulated minutes (120)
        --speed X             simulated seconds per real second (30: 2 h in 4 min)
        --step S              simulated seconds between two reports of an instance (15)
        --services N          2       --instances N   per service (8)       --seed N   7
        --churn-every M       one instance dies (replaced by a new id) or restarts (same id) every M minutes (3)
        --kills M,M,...       kill -9 of the server at these minutes, restarted at once (12,30,58,80,105)
        --outage A-B          the last service's instances are silent from minute A to B (40-70)
        --store-outage A-B    the store's write lock is held from outside from minute A to B (86-96); none: 0-0
        --ahead S             simulated time starts S real seconds after now, rounded up to a minute (180)
        --late-window S       rollup.late-window and rollup.stale-after of the server, seconds (2); the
                              eviction window is twice it
      Real-time variant (timestamps follow the server's clock, e.g. to test timestamp-based eviction):
        --speed 1 --ahead 5 --late-window 15 --sim-minutes 5 --step 5 --churn-every 0.5 \
        --kills 1,2.5,4 --outage 1.5-3 --store-outage 3.3-3.7
      """;

  static SoakOptions parse(String[] args) {
    SoakOptions o = new SoakOptions();
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (a.equals("--help") || a.equals("-h")) {
        throw new IllegalArgumentException(HELP);
      }
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException(a + " needs a value\n" + HELP);
      }
      String v = args[++i];
      switch (a) {
        case "--jar" -> o.jar = Path.of(v);
        case "--work" -> o.work = Path.of(v);
        case "--port" -> o.port = Integer.parseInt(v);
        case "--sim-minutes" -> o.simMinutes = Integer.parseInt(v);
        case "--speed" -> o.speed = Double.parseDouble(v);
        case "--step" -> o.stepSeconds = Integer.parseInt(v);
        case "--services" -> o.services = Integer.parseInt(v);
        case "--instances" -> o.instances = Integer.parseInt(v);
        case "--seed" -> o.seed = Long.parseLong(v);
        case "--ahead" -> o.aheadSeconds = Integer.parseInt(v);
        case "--late-window" -> o.lateWindowSeconds = Integer.parseInt(v);
        case "--churn-every" -> o.churnEvery = Double.parseDouble(v);
        case "--kills" -> {
          o.kills = new ArrayList<>();
          for (String k : v.split(",")) {
            if (!k.isBlank()) {
              o.kills.add(Double.parseDouble(k.trim()));
            }
          }
        }
        case "--outage" -> {
          double[] r = range(a, v);
          o.outageFrom = r[0];
          o.outageTo = r[1];
        }
        case "--store-outage" -> {
          double[] r = range(a, v);
          o.storeOutageFrom = r[0];
          o.storeOutageTo = r[1];
        }
        default -> throw new IllegalArgumentException("unknown option " + a + "\n" + HELP);
      }
    }
    if (o.services < 1 || o.instances < 2 || o.simMinutes < 2 || o.speed <= 0 || o.stepSeconds < 1
        || o.aheadSeconds < 0 || o.lateWindowSeconds < 1) {
      throw new IllegalArgumentException("--services ≥ 1, --instances ≥ 2, --sim-minutes ≥ 2, --speed > 0, "
          + "--step ≥ 1\n" + HELP);
    }
    return o;
  }

  private static double[] range(String key, String v) {
    String[] p = v.split("-");
    if (p.length != 2) {
      throw new IllegalArgumentException(key + " takes A-B (minutes), got '" + v + "'");
    }
    return new double[] {Double.parseDouble(p[0]), Double.parseDouble(p[1])};
  }

  /** Real milliseconds after the start of the fleet at which simulated minute {@code m} begins. */
  long realMs(double m) {
    return Math.round(m * 60_000 / speed);
  }
}
