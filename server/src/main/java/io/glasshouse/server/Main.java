package io.glasshouse.server;

import io.glasshouse.rollup.forecast.eval.AnomalyEvalCommand;
import io.glasshouse.rollup.forecast.eval.ForecastEvalCommand;
import io.glasshouse.rollup.journal.Journal;
import io.glasshouse.server.config.GlasshouseConfig;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * Entry point of {@code glasshouse.jar}.
 *
 * <pre>
 * java -jar glasshouse.jar [serve] [--config FILE] [--data DIR] [--port N] [--demo] [--journal-cut-at-corruption]
 * java -jar glasshouse.jar forecast-eval --data DIR --horizons 30m,1h,1d,1w [--out FILE.json]
 * java -jar glasshouse.jar anomaly-eval --data DIR --labels FILE
 * java -jar glasshouse.jar report capacity --out FILE [--config F] [--data DIR] [--demo]
 * </pre>
 *
 * Exit codes: 0 success (including shutdown on SIGTERM), 1 failure at run time, 2 bad arguments or configuration.
 */
public final class Main {
  static final String USAGE = """
      usage: java -jar glasshouse.jar [serve] [--config FILE] [--data DIR] [--port N] [--demo] [--journal-cut-at-corruption]
             java -jar glasshouse.jar forecast-eval --data DIR --horizons 30m,1h,1d,1w [--out FILE.json]
             java -jar glasshouse.jar anomaly-eval --data DIR --labels FILE
             java -jar glasshouse.jar report capacity --out FILE.html|.csv|.json [--config F] [--data DIR] [--demo]

        serve          run the server (the default)
          --config F   YAML configuration file (sections server, collector, rollup, demo, capacity)
          --data DIR   data folder for the store and journal (server.data, default ./data)
          --port N     HTTP port for everything (server.port, default 8080)
          --demo       also start a simulated fleet pushing OTLP to this server
          --journal-cut-at-corruption
                       start even though a journal segment is corrupt in the middle: cut it at the corrupt
                       record (the records after it in that segment are lost); start-up names the segment
        forecast-eval  judge the forecasts on your own timestamp,value CSV files
        anomaly-eval   judge anomaly detection against labelled windows (NAB format)
        report capacity  write the capacity report from the data folder (the server must not be running on it)

      Environment variables GLASSHOUSE_<SECTION>_<KEY> override the file, e.g. GLASSHOUSE_SERVER_PORT=9090.
      """;

  private Main() {
  }

  public static void main(String[] args) {
    int code = run(args, System.out, System.err);
    if (code >= 0) {
      System.exit(code);
    }
  }

  /** Runs a command; returns its exit code, or -1 when a server was started and keeps running. */
  static int run(String[] args, PrintStream out, PrintStream err) {
    String cmd = args.length > 0 && !args[0].startsWith("-") ? args[0] : "serve";
    String[] rest = args.length > 0 && !args[0].startsWith("-") ? Arrays.copyOfRange(args, 1, args.length) : args;
    return switch (cmd) {
      case "serve" -> serve(rest, err);
      case "forecast-eval" -> ForecastEvalCommand.run(rest, out);
      case "anomaly-eval" -> AnomalyEvalCommand.run(rest, out);
      case "report" -> {
        if (rest.length == 0 || !rest[0].equals("capacity")) {
          err.println("glasshouse: report needs a kind: 'report capacity --out FILE'");
          yield 2;
        }
        yield ReportCapacityCommand.run(Arrays.copyOfRange(rest, 1, rest.length), err);
      }
      case "help" -> {
        out.print(USAGE);
        yield 0;
      }
      default -> {
        err.println("glasshouse: unknown command '" + cmd + "'");
        err.print(USAGE);
        yield 2;
      }
    };
  }

  private static int serve(String[] args, PrintStream err) {
    ServeArgs a;
    GlasshouseConfig config;
    try {
      a = ServeArgs.parse(args);
      if (a.help()) {
        err.print(USAGE);
        return 0;
      }
      config = GlasshouseConfig.load(a.config(), System.getenv());
      if (a.data() != null) {
        config.override("server", "data", a.data());
      }
      if (a.port() != null) {
        config.override("server", "port", a.port());
      }
    } catch (IllegalArgumentException e) {
      err.println("glasshouse: " + e.getMessage());
      err.println("run 'java -jar glasshouse.jar help' for usage");
      return 2;
    }
    Glasshouse g;
    try {
      g = Glasshouse.start(config, a.demo(), Clock.systemUTC(), a.cutJournal()).toCompletionStage()
          .toCompletableFuture().get(120, TimeUnit.SECONDS);
    } catch (Exception e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      if (cause instanceof IllegalArgumentException || cause instanceof IllegalStateException) {
        err.println("glasshouse: bad configuration: " + cause.getMessage());
        return 2;
      }
      // One line saying what failed and what to do (the exceptions of start-up say both), not a stack trace.
      err.println("glasshouse: could not start: " + oneLine(cause));
      return 1;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      int code = 0;
      try {
        g.stop(g.settings().shutdownTimeout().plusSeconds(30));
      } catch (Exception e) {
        err.println("glasshouse: shutdown did not complete cleanly: " + e);
        code = 1;
      }
      // SIGTERM would otherwise exit with 143; a clean, committed shutdown is a success.
      Runtime.getRuntime().halt(code);
    }, "glasshouse-shutdown"));
    return -1;
  }

  private static String oneLine(Throwable e) {
    String m = e.getMessage() == null || e.getMessage().isBlank() ? e.toString() : e.getMessage();
    return m.replaceAll("\\s*\\R\\s*", " ");
  }

  /** Flags of the serve command. */
  record ServeArgs(Path config, String data, Integer port, boolean demo, boolean help, boolean cutJournal) {
    static ServeArgs parse(String[] args) {
      Path config = null;
      String data = null;
      Integer port = null;
      boolean demo = false;
      boolean help = false;
      boolean cutJournal = false;
      for (int i = 0; i < args.length; i++) {
        switch (args[i]) {
          case "--config" -> config = Path.of(value(args, ++i, "--config"));
          case "--data" -> data = value(args, ++i, "--data");
          case "--port" -> {
            String v = value(args, ++i, "--port");
            try {
              port = Integer.parseInt(v);
            } catch (NumberFormatException e) {
              throw new IllegalArgumentException("--port must be a number, got '" + v + "'");
            }
          }
          case "--demo" -> demo = true;
          case "--help", "-h" -> help = true;
          case Journal.CUT_FLAG -> cutJournal = true;
          default -> throw new IllegalArgumentException("unknown option '" + args[i] + "'");
        }
      }
      return new ServeArgs(config, data, port, demo, help, cutJournal);
    }

    private static String value(String[] args, int i, String flag) {
      if (i >= args.length || args[i].startsWith("--")) {
        throw new IllegalArgumentException(flag + " needs a value");
      }
      return args[i];
    }
  }
}
