package io.glasshouse.statuspage.capacity;

import io.glasshouse.rollup.capacity.CapacityConfig;
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

/**
 * {@code report capacity --out FILE [--format html|csv|json]}: computes every configured capacity indicator from the
 * store and writes the capacity report, HTML by default or CSV/JSON by the file's extension ({@code .csv},
 * {@code .json}) or {@code --format}. Draws a progress bar on {@code err} while indicators are computed.
 *
 * <p>Exit codes: 0 written; 1 the file could not be written; 2 bad arguments (the message names the flag).
 */
public final class ReportCommand {
  static final String USAGE = "usage: report capacity --out FILE [--format html|csv|json]\n"
      + "  writes the capacity report: HTML, or CSV/JSON by the file extension (.csv, .json) or --format";

  private ReportCommand() {
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
    String out = null;
    String format = null;
    for (int i = 0; i < a.size(); i++) {
      String flag = a.get(i);
      switch (flag) {
        case "--out", "--format" -> {
          if (i + 1 >= a.size() || a.get(i + 1).startsWith("--")) {
            return bad(err, flag + " needs a value" + (flag.equals("--out") ? ": the file to write" : ": html, csv or json"));
          }
          String v = a.get(++i);
          if (flag.equals("--out")) {
            out = v;
          } else {
            format = v.toLowerCase(Locale.ROOT);
            if (!List.of("html", "csv", "json").contains(format)) {
              return bad(err, "--format must be html, csv or json, got '" + v + "'");
            }
          }
        }
        case "-h", "--help" -> {
          err.println(USAGE);
          return 0;
        }
        default -> {
          return bad(err, flag.startsWith("-") ? "unknown flag " + flag : "unexpected argument '" + flag + "'");
        }
      }
    }
    if (out == null) {
      return bad(err, "--out is required: the file to write (.html, .csv or .json)");
    }
    Path file = Path.of(out);
    if (format == null) {
      String lower = file.getFileName().toString().toLowerCase(Locale.ROOT);
      format = lower.endsWith(".csv") ? "csv" : lower.endsWith(".json") ? "json" : "html";
    }
    if (Files.isDirectory(file)) {
      return bad(err, "--out " + out + " is a directory; give a file name");
    }
    if (config.indicators().isEmpty()) {
      err.println("warning: no capacity indicators are configured (capacity.indicators); the report will be empty");
    }
    Bar bar = new Bar(err, config.indicators().size());
    bar.update(0, "");
    CapacityResult result = new CapacityPlanner(reader, config, clock).computeBlocking(bar::update);
    String body = switch (format) {
      case "csv" -> CapacityReport.csv(result);
      case "json" -> CapacityReport.jsonByExhaustion(result).encodePrettily();
      default -> CapacityReport.html(result, CapacityReport.Links.NONE);
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

  private static int bad(PrintStream err, String message) {
    err.println("error: " + message);
    err.println(USAGE);
    return 2;
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
