package io.glasshouse.statuspage.capacity;

import io.glasshouse.rollup.capacity.CapacityConfig;
import io.glasshouse.rollup.cli.Cli;
import io.glasshouse.rollup.cli.HelpOption;
import io.glasshouse.rollup.capacity.CapacityPlanner;
import io.glasshouse.rollup.capacity.CapacityResult;
import io.glasshouse.rollup.series.RollupReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code report capacity --out FILE [--format html|csv|json]}: computes every configured capacity indicator from the
 * store and writes the capacity report, as HTML, CSV or JSON by the file's extension ({@code .html}, {@code .csv},
 * {@code .json}) or {@code --format}. Draws a progress bar on {@code err} while indicators are computed.
 *
 * <p>Exit codes: 0 written; 1 the file could not be written; 2 bad arguments (the message names the flag).
 */
@Command(name = "capacity", sortOptions = false,
    description = "Writes the capacity report: what each indicator needs, how much, and by when.")
public final class ReportCommand implements Callable<Integer> {
  /** The formats of the report, each with the file extensions it is recognised by. */
  public enum Format {
    html(".html", ".htm"), csv(".csv"), json(".json");

    private final List<String> extensions;

    Format(String... extensions) {
      this.extensions = List.of(extensions);
    }

    static Optional<Format> ofFile(Path file) {
      String lower = file.getFileName().toString().toLowerCase(Locale.ROOT);
      for (Format f : values()) {
        if (f.extensions.stream().anyMatch(lower::endsWith)) {
          return Optional.of(f);
        }
      }
      return Optional.empty();
    }
  }

  /** {@code --out FILE [--format F]}: where the report goes and as what; shared with the jar's own command. */
  public static final class Output {
    @Option(names = "--out", required = true, paramLabel = "FILE",
        description = "the file to write: .html, .csv or .json")
    Path file;
    @Option(names = "--format", paramLabel = "FORMAT",
        description = "html, csv or json, whatever the file's extension (default: by the extension)")
    Format format;

    /** The file {@code --out} names. */
    public Path file() {
      return file;
    }

    /** The format to write; throws a usage error when {@code --out} names a directory or an unknown extension. */
    public Format resolve(CommandSpec spec) {
      if (Files.isDirectory(file)) {
        throw new ParameterException(spec.commandLine(), "--out " + file + " is a directory; give a file name");
      }
      if (format != null) {
        return format;
      }
      return Format.ofFile(file).orElseThrow(() -> new ParameterException(spec.commandLine(), "--out " + file
          + ": the report is written as HTML, CSV or JSON; name the file .html, .csv or .json, or give --format"));
    }
  }

  @Spec
  CommandSpec spec;
  @Mixin
  HelpOption help;
  @Mixin
  Output output;

  private final RollupReader reader;
  private final CapacityConfig config;
  private final Clock clock;
  private final PrintStream err;

  private ReportCommand(RollupReader reader, CapacityConfig config, Clock clock, PrintStream err) {
    this.reader = reader;
    this.config = config;
    this.clock = clock;
    this.err = err;
  }

  /**
   * Runs the command. {@code args} may start with {@code report capacity} (as typed) or hold only the flags. Blocks
   * the calling thread, which must not be a Vert.x event loop.
   *
   * @param reader the opened store (the rollup engine); read through futures, waited for on this thread
   * @param config the configuration's {@code capacity:} section
   */
  public static int run(String[] args, RollupReader reader, CapacityConfig config, Clock clock, PrintStream err) {
    List<String> a = new ArrayList<>(List.of(args));
    if (!a.isEmpty() && a.get(0).equals("report")) {
      a.remove(0);
    }
    if (!a.isEmpty() && a.get(0).equals("capacity")) {
      a.remove(0);
    }
    return Cli.of(new ReportCommand(reader, config, clock, err), err, err).setCommandName("report capacity")
        .execute(a.toArray(String[]::new));
  }

  @Override
  public Integer call() {
    return write(output.file, output.resolve(spec), reader, config, clock, err);
  }

  /**
   * Computes the report and writes it to {@code file} atomically; returns the exit code (0, or 1 when the file
   * could not be written).
   */
  public static int write(Path file, Format format, RollupReader reader, CapacityConfig config, Clock clock,
      PrintStream err) {
    String out = file.toString();
    if (config.indicators().isEmpty()) {
      err.println("warning: no capacity indicators are configured (capacity.indicators); the report will be empty");
    }
    Bar bar = new Bar(err, config.indicators().size());
    bar.update(0, "");
    CapacityResult result = new CapacityPlanner(reader, config, clock).computeBlocking(bar::update);
    String body = switch (format) {
      case csv -> CapacityCsv.csv(result);
      case json -> CapacityJson.jsonByExhaustion(result).encodePrettily();
      case html -> CapacityHtml.html(result, CapacityHtml.Links.NONE);
    };
    try {
      Path abs = file.toAbsolutePath();
      if (abs.getParent() != null) {
        Files.createDirectories(abs.getParent());
      }
      Path tmp = abs.resolveSibling(abs.getFileName() + ".tmp");
      Files.writeString(tmp, body, StandardCharsets.UTF_8);
      Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      err.println("error: could not write " + out + ": " + e.getMessage());
      return 1;
    }
    long failed = result.indicators().stream().filter(s -> s.error().isPresent()).count();
    err.println("wrote " + out + " (" + format + ", " + result.indicators().size() + " indicators"
        + (failed > 0 ? ", " + failed + " without a forecast: see their error" : "") + ")");
    return 0;
  }

  /** A one-line progress bar redrawn with carriage returns. */
  private static final class Bar {
    private final PrintStream out;
    private final int total;

    Bar(PrintStream out, int total) {
      this.out = out;
      this.total = total;
    }

    void update(int done, int total, String name) {
      update(done, name);
    }

    void update(int done, String name) {
      int width = 30;
      int filled = total == 0 ? width : done * width / total;
      String label = name.length() > 40 ? name.substring(0, 37) + "..." : name;
      out.print("\r[" + "#".repeat(filled) + ".".repeat(width - filled) + "] " + done + "/" + total + " " + label
          + " ".repeat(Math.max(0, 40 - label.length())));
      if (done == total) {
        out.println();
      }
      out.flush();
    }
  }
}
