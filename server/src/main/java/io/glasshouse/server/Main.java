package io.glasshouse.server;

import io.glasshouse.rollup.cli.Cli;
import io.glasshouse.rollup.cli.HelpOption;
import io.glasshouse.rollup.forecast.eval.AnomalyEvalCommand;
import io.glasshouse.rollup.forecast.eval.ForecastEvalCommand;
import io.glasshouse.rollup.journal.Journal;
import io.glasshouse.server.config.GlasshouseConfig;
import io.glasshouse.server.config.ServerSettings;
import io.glasshouse.server.startup.StartProgress;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Entry point of {@code glasshouse.jar}.
 *
 * <pre>
 * java -jar glasshouse.jar [serve] [--config FILE] [--data DIR] [--port N] [--demo] [--journal-cut-at-corruption]
 * java -jar glasshouse.jar forecast-eval --data DIR [--horizons 30m,1h,1d,1w] [--out FILE.json]
 * java -jar glasshouse.jar anomaly-eval --data DIR --labels FILE
 * java -jar glasshouse.jar report capacity --out FILE [--config F] [--data DIR] [--demo]
 * </pre>
 *
 * Every command is a picocli command: {@code --help} on each, errors naming the option followed by the usage.
 * Exit codes: 0 success (including shutdown on SIGTERM), 1 failure at run time, 2 bad arguments or configuration.
 */
@Command(name = "java -jar glasshouse.jar", sortOptions = false,
    description = "Runs the Glasshouse server (the default command) or one of its tools.",
    subcommands = {HelpCommand.class},
    footer = {"", "Environment variables GLASSHOUSE_<SECTION>_<KEY> override the file, e.g. GLASSHOUSE_SERVER_PORT=9090.",
        "Exit codes: 0 success, 1 failure at run time, 2 bad arguments or configuration."})
public final class Main implements Callable<Integer> {
  @Mixin
  HelpOption help;
  @Mixin
  ServeOptions options;
  private final PrintStream err;

  private Main(PrintStream err) {
    this.err = err;
  }

  public static void main(String[] args) {
    int code = run(args, System.out, System.err);
    if (code >= 0) {
      System.exit(code);
    }
  }

  /** Runs a command; returns its exit code, or -1 when a server was started and keeps running. */
  static int run(String[] args, PrintStream out, PrintStream err) {
    return commandLine(out, err).execute(args);
  }

  /** The jar's command line: serving by default, and every subcommand. */
  static CommandLine commandLine(PrintStream out, PrintStream err) {
    CommandLine cl = Cli.of(new Main(err), out, err);
    cl.addSubcommand("serve", Cli.of(new Serve(err), out, err));
    cl.addSubcommand("forecast-eval", Cli.of(new ForecastEvalCommand(out), out, out));
    cl.addSubcommand("anomaly-eval", Cli.of(new AnomalyEvalCommand(out), out, out));
    CommandLine report = Cli.of(new Report(), out, err);
    report.addSubcommand("capacity", Cli.of(new ReportCapacityCommand(err), out, err));
    cl.addSubcommand("report", report);
    return cl;
  }

  @Override
  public Integer call() {
    return serve(options, err);
  }

  /** {@code serve}: the same as no command. */
  @Command(name = "serve", description = "Runs the server (the default command).")
  static final class Serve implements Callable<Integer> {
    @Mixin
    HelpOption help;
    @Mixin
    ServeOptions options;
    private final PrintStream err;

    Serve(PrintStream err) {
      this.err = err;
    }

    @Override
    public Integer call() {
      return serve(options, err);
    }
  }

  /** {@code report}: needs the kind of report. */
  @Command(name = "report", description = "Writes a report from the data folder.",
      synopsisSubcommandLabel = "capacity")
  static final class Report implements Callable<Integer> {
    @Mixin
    HelpOption help;
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
      throw new ParameterException(spec.commandLine(), "report needs a kind: 'report capacity --out FILE'");
    }
  }

  /** Options of the server. */
  static final class ServeOptions {
    @Option(names = "--config", paramLabel = "FILE",
        description = "YAML configuration file (sections server, collector, rollup, demo, capacity)")
    Path config;
    @Option(names = "--data", paramLabel = "DIR",
        description = "data folder for the store and journal (server.data, default ./data)")
    String data;
    @Option(names = "--port", paramLabel = "N", description = "HTTP port for everything (server.port, default 8080)")
    Integer port;
    @Option(names = "--demo", description = "also start a simulated fleet pushing OTLP to this server")
    boolean demo;
    @Option(names = Journal.CUT_FLAG, description = "start even though a journal segment is corrupt in the middle: "
        + "cut it at the corrupt record (the records after it in that segment are lost); start-up names the segment")
    boolean cutJournal;
  }

  private static int serve(ServeOptions a, PrintStream err) {
    GlasshouseConfig config;
    try {
      config = GlasshouseConfig.load(a.config, System.getenv());
      if (a.data != null) {
        config.override("server", "data", a.data);
      }
      if (a.port != null) {
        config.override("server", "port", a.port);
      }
    } catch (IllegalArgumentException e) {
      err.println("glasshouse: " + e.getMessage());
      err.println("run 'java -jar glasshouse.jar --help' for usage");
      return 2;
    }
    Glasshouse g;
    StartProgress progress = new StartProgress();
    try {
      Duration limit = ServerSettings.fromJson(config.section("server")).startTimeout();
      g = progress.await(Glasshouse.start(config, a.demo, Clock.systemUTC(), a.cutJournal, progress), limit);
    } catch (StartProgress.StartTimeoutException e) {
      err.println("glasshouse: could not start: " + e.getMessage());
      return 1;
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
        g.stop(g.settings().shutdownTimeout().plusSeconds(30)); // plus server.drain-delay before it
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

}
