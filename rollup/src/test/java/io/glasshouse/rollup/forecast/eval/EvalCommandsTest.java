package io.glasshouse.rollup.forecast.eval;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvalCommandsTest {
  private static final DateTimeFormatter NAB = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);
  private static final long START = Instant.parse("2024-03-01T00:00:00Z").toEpochMilli();

  @TempDir
  Path dir;

  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

  private String output() {
    return bytes.toString(StandardCharsets.UTF_8);
  }

  /** A daily-seasonal series at 5 minutes, timestamps written in the given style. */
  private void writeCsv(Path file, int days, long seed, String style) throws IOException {
    Files.createDirectories(file.getParent());
    Random rnd = new Random(seed);
    StringBuilder sb = new StringBuilder("timestamp,value\n");
    for (int i = 0; i < days * 288; i++) {
      long t = START + i * 300_000L;
      double v = 100 + 30 * Math.sin(2 * Math.PI * i / 288) + 3 * rnd.nextGaussian();
      if (i == 3000) {
        v += 200;
      }
      String ts = switch (style) {
        case "iso" -> Instant.ofEpochMilli(t).toString();
        case "epoch" -> Long.toString(t / 1000);
        default -> NAB.format(Instant.ofEpochMilli(t));
      };
      sb.append(ts).append(',').append(v).append('\n');
    }
    Files.writeString(file, sb.toString());
  }

  @Test
  void forecastEvalRunsOnAFolderOfCsvsAndWritesTheDocumentedJson() throws IOException {
    writeCsv(dir.resolve("a.csv"), 12, 1, "nab");
    writeCsv(dir.resolve("sub/b.csv"), 12, 2, "iso");
    writeCsv(dir.resolve("sub/c.csv"), 12, 3, "epoch");
    Path json = dir.resolve("out/result.json");
    Files.createDirectories(json.getParent());
    int code = ForecastEvalCommand.run(new String[] {"--data", dir.toString(), "--horizons", "30m,1h,1d,1w",
        "--out", json.toString(), "--origins", "5", "--no-progress"}, out);
    assertThat(code).as(output()).isZero();
    assertThat(output()).contains("median MASE", "median sMAPE", "glasshouse", "snaive-day", "linear", "coverage")
        .contains("skipped a.csv: horizon 1w is longer than the evaluation window");
    JsonObject r = new JsonObject(Files.readString(json));
    assertThat(r.getJsonArray("series")).hasSize(3);
    assertThat(r.getJsonArray("perHorizon")).hasSize(4);
    JsonObject hour = r.getJsonArray("perHorizon").getJsonObject(1);
    assertThat(hour.getString("horizon")).isEqualTo("1h");
    assertThat(hour.getInteger("series")).isEqualTo(3);
    assertThat(hour.getJsonObject("medianMase").getDouble("glasshouse")).isPositive();
    assertThat(hour.getJsonObject("medianMase").getDouble("naive")).isPositive();
    assertThat(hour.getDouble("coverage80")).isBetween(0.0, 100.0);
    assertThat(r.getJsonArray("perHorizon").getJsonObject(3).getInteger("series")).isZero();
  }

  @Test
  void forecastEvalWritesEveryOriginsForecastForPeersAndReportsFitTime() throws IOException {
    writeCsv(dir.resolve("data/a.csv"), 12, 1, "nab");
    Path dump = dir.resolve("dump");
    Path json = dir.resolve("r.json");
    int code = ForecastEvalCommand.run(new String[] {"--data", dir.resolve("data").toString(), "--horizons", "1h,1d",
        "--origins", "4", "--forecasts", dump.toString(), "--out", json.toString(), "--no-progress"}, out);
    assertThat(code).as(output()).isZero();
    assertThat(output()).contains("fit time per series and origin");
    assertThat(new JsonObject(Files.readString(json)).getDouble("fitCpuSecondsPerOrigin")).isNotNull();
    java.util.List<String> rows = Files.readAllLines(dump.resolve("forecasts.csv"));
    assertThat(rows.get(0)).isEqualTo("series,file,step_ms,origin,steps,horizon,actual,scale,point,lo80,hi80,lo95,hi95");
    // four origins at 1h; at 1d the last origin's target lies past the end of the series
    assertThat(rows.stream().filter(r -> r.contains(",1h,"))).hasSize(4);
    assertThat(rows.stream().filter(r -> r.contains(",1d,"))).hasSize(3);
    java.util.List<String> series = Files.readAllLines(dump.resolve("series/0.csv"));
    assertThat(series).hasSize(1 + 12 * 288);
    for (String row : rows.subList(1, rows.size())) {
      String[] f = row.split(",");
      assertThat(f).hasSize(13);
      int origin = Integer.parseInt(f[3]);
      int steps = Integer.parseInt(f[4]);
      // the dumped actual is the series value steps after the origin, as the peers will read it
      assertThat(Double.parseDouble(f[6])).isEqualTo(Double.parseDouble(series.get(1 + origin + steps)));
    }
  }

  @Test
  void forecastEvalRejectsBadArgumentsWithExitTwoNamingTheFlag() {
    assertThat(ForecastEvalCommand.run(new String[] {"--horizons", "1h"}, out)).isEqualTo(2);
    assertThat(output()).contains("Missing required option: '--data=DIR'").contains("Usage: forecast-eval");
    bytes.reset();
    assertThat(ForecastEvalCommand.run(new String[] {"--data", dir.toString(), "--horizons", "soon"}, out))
        .isEqualTo(2);
    assertThat(output()).contains("--horizons");
    bytes.reset();
    assertThat(ForecastEvalCommand.run(new String[] {"--data", dir.toString(), "--bogus"}, out)).isEqualTo(2);
    assertThat(output()).contains("--bogus");
    bytes.reset();
    assertThat(ForecastEvalCommand.run(new String[] {"--data", dir.resolve("missing").toString()}, out))
        .isEqualTo(2);
    assertThat(output()).contains("--data").contains("not a directory");
    bytes.reset();
    assertThat(ForecastEvalCommand.run(new String[] {"--data", dir.toString(), "--origins"}, out)).isEqualTo(2);
    assertThat(output()).contains("Missing required parameter for option '--origins'");
  }

  @Test
  void forecastEvalHelpShowsHorizonsAsOptionalWithItsDefault() {
    assertThat(ForecastEvalCommand.run(new String[] {"--help"}, out)).isZero();
    assertThat(output()).contains("--data=DIR").contains("[--horizons=LIST]")
        .contains("(default: 30m,1h,1d,1w)").doesNotContain("Missing");
  }

  @Test
  void anomalyEvalReportsPrecisionRecallAndLeadTime() throws IOException {
    writeCsv(dir.resolve("data/x/series.csv"), 12, 4, "nab");
    String from = NAB.format(Instant.ofEpochMilli(START + 2900 * 300_000L)) + ".000000";
    String to = NAB.format(Instant.ofEpochMilli(START + 3100 * 300_000L)) + ".000000";
    Path labels = dir.resolve("labels.json");
    Files.writeString(labels, "{\"x/series.csv\": [[\"" + from + "\", \"" + to + "\"]], \"other.csv\": []}");
    Path json = dir.resolve("anomaly.json");
    int code = AnomalyEvalCommand.run(new String[] {"--data", dir.resolve("data").toString(), "--labels",
        labels.toString(), "--out", json.toString(), "--no-progress"}, out);
    assertThat(code).as(output()).isZero();
    assertThat(output()).contains("precision", "recall 100.0%", "minutes before the window end");
    JsonObject r = new JsonObject(Files.readString(json));
    assertThat(r.getInteger("windowsDetected")).isEqualTo(1);
    assertThat(r.getDouble("medianPosition")).isBetween(0.0, 1.0);
  }

  @Test
  void anomalyEvalRejectsBadArgumentsWithExitTwo() throws IOException {
    assertThat(AnomalyEvalCommand.run(new String[] {"--data", dir.toString()}, out)).isEqualTo(2);
    assertThat(output()).contains("Missing required option: '--labels=FILE.json'");
    bytes.reset();
    Path bad = dir.resolve("bad.json");
    Files.writeString(bad, "not json");
    assertThat(AnomalyEvalCommand.run(new String[] {"--data", dir.toString(), "--labels", bad.toString()}, out))
        .isEqualTo(2);
    assertThat(output()).contains("--labels");
  }

  @Test
  void timestampsInNabIsoAndEpochFormsAreRead() {
    long t = Instant.parse("2014-04-10T07:15:00Z").toEpochMilli();
    assertThat(CsvSeries.parseTime("2014-04-10 07:15:00")).isEqualTo(t);
    assertThat(CsvSeries.parseTime("2014-04-10 07:15:00.000000")).isEqualTo(t);
    assertThat(CsvSeries.parseTime("2014-04-10T07:15:00Z")).isEqualTo(t);
    assertThat(CsvSeries.parseTime("2014-04-10T09:15:00+02:00")).isEqualTo(t);
    assertThat(CsvSeries.parseTime(Long.toString(t / 1000))).isEqualTo(t);
  }
}
