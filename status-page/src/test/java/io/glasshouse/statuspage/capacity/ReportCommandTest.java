package io.glasshouse.statuspage.capacity;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportCommandTest {
  @TempDir
  Path dir;
  final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
  final PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);

  private int run(String... args) {
    CapacityFixture fx = CapacityFixture.get();
    return ReportCommand.run(args, fx.engine, fx.config, fx.clock, err);
  }

  private String err() {
    return errBytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void writesHtmlWithAProgressBar() throws Exception {
    Path out = dir.resolve("report.html");
    assertThat(run("report", "capacity", "--out", out.toString())).isZero();
    String html = Files.readString(out);
    CapacityReportTest.parseXml(html);
    assertThat(html).contains("<svg").contains("db-disk");
    assertThat(err()).contains("\r[").contains("] 4/4").contains("wrote " + out);
  }

  @Test
  void csvAndJsonByExtension() throws Exception {
    Path csv = dir.resolve("r.csv");
    Path json = dir.resolve("sub/r.JSON");
    assertThat(run("--out", csv.toString())).isZero();
    assertThat(run("capacity", "--out", json.toString())).isZero();
    assertThat(Files.readString(csv)).startsWith(String.join(",", CapacityCsv.CSV_FIXED_COLUMNS));
    assertThat(new JsonObject(Files.readString(json)).getJsonArray("indicators").getJsonObject(0).getString("name"))
        .isEqualTo("db-disk");
  }

  @Test
  void formatFlagOverridesTheExtension() throws Exception {
    Path out = dir.resolve("r.txt");
    assertThat(run("--out", out.toString(), "--format", "csv")).isZero();
    assertThat(Files.readString(out)).startsWith("name,service,");
  }

  @Test
  void anOutFileThatIsNotHtmlCsvOrJsonIsRefusedAndNothingIsWritten() {
    Path pdf = dir.resolve("cap.pdf");

    assertThat(run("--out", pdf.toString())).isEqualTo(2);

    assertThat(err()).contains("--out " + pdf).contains("name the file .html, .csv or .json");
    assertThat(pdf).doesNotExist();
  }

  @Test
  void helpListsTheOptionsAndExitsZero() {
    assertThat(run("--help")).isZero();
    assertThat(err()).contains("--out=FILE").contains("[--format=FORMAT]");
  }

  @Test
  void badArgumentsExitTwoNamingTheFlag() {
    assertThat(run("report", "capacity")).isEqualTo(2);
    assertThat(err()).contains("Missing required option: '--out=FILE'").contains("Usage: report capacity");
    assertThat(run("--out")).isEqualTo(2);
    assertThat(err()).contains("Missing required parameter for option '--out'");
    assertThat(run("--out", dir.resolve("x.html").toString(), "--format", "pdf")).isEqualTo(2);
    assertThat(err()).contains("Invalid value for option '--format'").contains("[html, csv, json] (case-insensitive)");
    assertThat(run("--out", dir.resolve("x.html").toString(), "--output", "x")).isEqualTo(2);
    assertThat(err()).contains("Unknown options: '--output'").contains("Possible solutions: --out");
    assertThat(run("--out", dir.toString())).isEqualTo(2);
    assertThat(err()).contains("is a directory");
  }
}
