package io.glasshouse.rollup.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;

/** Runs picocli commands the same way everywhere: output and errors to the given streams, the shared exit codes. */
public final class Cli {
  /** Exit code of a bad command line (picocli's usage code). */
  public static final int BAD_ARGUMENTS = CommandLine.ExitCode.USAGE;

  private Cli() {
  }

  /** A command line for {@code command} writing its help to {@code out} and its errors and usage to {@code err}. */
  public static CommandLine of(Object command, PrintStream out, PrintStream err) {
    return new CommandLine(command)
        .setOut(new PrintWriter(new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8), true))
        .setErr(new PrintWriter(new java.io.OutputStreamWriter(err, StandardCharsets.UTF_8), true))
        .setCaseInsensitiveEnumValuesAllowed(true)
        .setUsageHelpAutoWidth(false)
        .setUsageHelpWidth(100);
  }

  /** Parses {@code args} and runs {@code command}; returns the exit code (see the package documentation). */
  public static int execute(Object command, String[] args, PrintStream out, PrintStream err) {
    return of(command, out, err).execute(args);
  }
}
