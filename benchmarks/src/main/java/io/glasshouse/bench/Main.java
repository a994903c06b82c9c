package io.glasshouse.bench;

import io.glasshouse.bench.loadgen.LoadGenerator;
import io.glasshouse.bench.memory.HeapPerSeries;
import io.glasshouse.bench.profile.JfrTop;
import io.glasshouse.bench.readload.ReadLoad;
import io.glasshouse.bench.serve.BenchServer;
import io.glasshouse.bench.slo.SloEvalBench;
import io.glasshouse.bench.slo.SloFleetBench;
import io.glasshouse.bench.soak.Soak;
import io.glasshouse.rollup.cli.Cli;
import io.glasshouse.rollup.cli.HelpOption;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Entry point of {@code glasshouse-bench.jar}, a picocli command like the server's: {@code --help}, errors naming
 * the command followed by the usage, exit code 2 for bad arguments. Each tool parses its own options (its
 * {@code --help} lists them).
 *
 * <ul>
 *   <li>{@code loadgen}: the remote-write / OTLP load generator ({@link LoadGenerator});</li>
 *   <li>{@code jmh}: the JMH benchmarks; further arguments go to JMH ({@code -f 1 -wi 2 -i 3 Decode});</li>
 *   <li>{@code heap}: heap per active series of a real rollup engine ({@link HeapPerSeries});</li>
 *   <li>{@code serve}: collector and rollup engine on one port, wired like the launcher, for measuring before
 *       {@code server/target/glasshouse.jar} exists ({@link BenchServer});</li>
 *   <li>{@code jfr-top}: top frames of a JFR recording's execution samples ({@link JfrTop});</li>
 *   <li>{@code readload}: read-API queries as fast as the server answers ({@link ReadLoad});</li>
 *   <li>{@code soak}: churn, outages and {@code kill -9} against the packaged server, then its per-minute totals
 *       against an independent tally ({@link Soak}).</li>
 *   <li>{@code slo}: CPU per SLO refresh, forecast and count-read cost ({@link SloEvalBench}).</li>
 *   <li>{@code slo-fleet}: 1,000 SLOs over a fleet with ingest running ({@link SloFleetBench}).</li>
 * </ul>
 */
@Command(name = "java -jar glasshouse-bench.jar", subcommands = {HelpCommand.class},
    description = "Glasshouse benchmarks and load tools.",
    footer = {"", "Run '<command> --help' for the options of each command.",
        "Exit codes: 0 success, 1 failure at run time, 2 bad arguments."})
public final class Main implements Callable<Integer> {
  @Mixin
  HelpOption help;
  @Spec
  CommandSpec spec;

  private Main() {
  }

  public static void main(String[] args) {
    System.exit(commandLine(System.out, System.err).execute(args));
  }

  /** The jar's command line: one subcommand per tool. */
  static CommandLine commandLine(PrintStream out, PrintStream err) {
    CommandLine cl = Cli.of(new Main(), out, err);
    tool(cl, out, err, "loadgen", "Offers remote-write or OTLP load to a server (loadgen --help).",
        LoadGenerator::run);
    tool(cl, out, err, "jmh", "The JMH benchmarks; arguments go to JMH, e.g. -f 1 -wi 2 -i 3 Decode.", a -> {
      org.openjdk.jmh.Main.main(a);
      return 0;
    });
    tool(cl, out, err, "heap", "Heap per active series of a real rollup engine (heap --help).", a -> {
      HeapPerSeries.main(a);
      return 0;
    });
    tool(cl, out, err, "serve", "Collector and rollup engine on one port: serve [--data DIR] [--port 18080].", a -> {
      BenchServer.main(a);
      return 0;
    });
    tool(cl, out, err, "jfr-top", "Top frames of a JFR recording: jfr-top FILE.jfr [--top 25] [--thread S] "
        + "[--callers FRAME [--depth 4]].", a -> {
          JfrTop.main(a);
          return 0;
        });
    tool(cl, out, err, "readload", "Read-API queries as fast as the server answers (readload --help).",
        ReadLoad::run);
    tool(cl, out, err, "soak", "Churn, outages and kill -9 against the packaged server (soak --help).", Soak::run);
    tool(cl, out, err, "slo", "SLO evaluation cost: slo [--slos 1000] [--rounds 3] [--forecasts 3] [--read-services 20] "
        + "[--read-days 2].", a -> {
          SloEvalBench.main(a);
          return 0;
        });
    tool(cl, out, err, "slo-fleet", "1,000 SLOs over a fleet with ingest running: slo-fleet [--services 200] "
        + "[--slos-per-service 5] [--days 30] [--step-minutes 30] [--before-slos 10] [--ingest-seconds 30].", a -> {
          SloFleetBench.main(a);
          return 0;
        });
    return cl;
  }

  @Override
  public Integer call() {
    throw new ParameterException(spec.commandLine(), "a command is needed");
  }

  /** A tool that parses its own arguments. */
  interface Tool {
    int run(String[] args) throws Exception;
  }

  private static void tool(CommandLine cl, PrintStream out, PrintStream err, String name, String description,
      Tool tool) {
    CommandLine sub = Cli.of(new PassThrough(tool), out, err);
    sub.getCommandSpec().usageMessage().description(description);
    sub.setUnmatchedOptionsArePositionalParams(true);
    cl.addSubcommand(name, sub);
  }

  /** Hands every argument after the command name, options included, to the tool. */
  @Command
  static final class PassThrough implements Callable<Integer> {
    @Parameters(paramLabel = "ARGS", description = "the tool's own arguments")
    List<String> args = new ArrayList<>();
    private final Tool tool;

    PassThrough(Tool tool) {
      this.tool = tool;
    }

    @Override
    public Integer call() throws Exception {
      return tool.run(args.toArray(String[]::new));
    }
  }
}
