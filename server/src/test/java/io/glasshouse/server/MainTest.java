package io.glasshouse.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue #8: the jar's command line (picocli): usage, --help, errors naming the option, exit codes. */
class MainTest {
  @TempDir
  Path dir;
  final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
  final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();

  private int run(String... args) {
    return Main.run(args, new PrintStream(outBytes, true, StandardCharsets.UTF_8),
        new PrintStream(errBytes, true, StandardCharsets.UTF_8));
  }

  private String out() {
    return outBytes.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return errBytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void helpListsEveryCommandAndExitsZero() {
    assertThat(run("--help")).isZero();
    assertThat(out()).contains("--port=N", "--data=DIR", "--demo", "serve", "forecast-eval", "anomaly-eval", "report",
        "GLASSHOUSE_SERVER_PORT");
    outBytes.reset();
    assertThat(run("help")).isZero();
    assertThat(out()).contains("forecast-eval");
  }

  @Test
  void forecastEvalHelpShowsHorizonsAsOptionalWithItsDefault() {
    assertThat(run("forecast-eval", "--help")).isZero();
    assertThat(out()).contains("[--horizons=LIST]").contains("(default: 30m,1h,1d,1w)");
  }

  @Test
  void unknownCommandOrOptionExitsTwoNamingIt() {
    assertThat(run("frobnicate")).isEqualTo(2);
    assertThat(err()).contains("Unmatched argument").contains("'frobnicate'");
    errBytes.reset();
    assertThat(run("--prot", "1")).isEqualTo(2);
    assertThat(err()).contains("'--prot'");
  }

  @Test
  void aPortThatIsNotANumberExitsTwoNamingTheOption() {
    assertThat(run("--port", "abc")).isEqualTo(2);
    assertThat(err()).contains("--port").contains("'abc'");
  }

  @Test
  void reportWithoutAKindExitsTwo() {
    assertThat(run("report")).isEqualTo(2);
    assertThat(err()).contains("report capacity --out FILE");
  }

  @Test
  void reportCapacityOnAMissingFolderExitsTwoAndCreatesNothing() {
    Path missing = dir.resolve("missing");

    int code = run("report", "capacity", "--demo", "--data", missing.toString(), "--out",
        dir.resolve("cap.html").toString());

    assertThat(code).isEqualTo(2);
    assertThat(err()).contains("--data " + missing.toAbsolutePath() + " does not exist");
    assertThat(missing).doesNotExist();
    assertThat(dir.resolve("cap.html")).doesNotExist();
  }

  @Test
  void reportCapacityOnAnEmptyFolderExitsTwoSayingItHoldsNoStore() throws IOException {
    Path empty = Files.createDirectories(dir.resolve("empty"));

    int code = run("report", "capacity", "--demo", "--data", empty.toString(), "--out",
        dir.resolve("cap.html").toString());

    assertThat(code).isEqualTo(2);
    assertThat(err()).contains("holds no Glasshouse store");
    try (var files = Files.list(empty)) {
      assertThat(files).isEmpty();
    }
  }

  @Test
  void reportCapacityRefusesAPdfBeforeReadingAnything() {
    Path missing = dir.resolve("data");

    assertThat(run("report", "capacity", "--demo", "--data", missing.toString(), "--out", "cap.pdf")).isEqualTo(2);

    assertThat(err()).contains("--out cap.pdf").contains(".html, .csv or .json");
    assertThat(missing).doesNotExist();
  }
}
