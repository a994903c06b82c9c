package io.glasshouse.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.glasshouse.rollup.journal.Journal;
import io.glasshouse.rollup.sample.Labels;
import io.glasshouse.rollup.sample.Sample;
import io.glasshouse.server.e2e.InProcessServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A failure at start-up (here a journal record corrupt in the middle of its segment) makes {@code serve} print one
 * line saying what failed and what to do, and return exit code 1, instead of hanging with a Vert.x stack trace.
 */
class StartUpFailureTest {
  @TempDir
  Path dir;

  @Test
  void aCorruptJournalStopsStartUpWithOneLineNamingTheSegmentAndTheFlag() throws IOException {
    Path journal = dir.resolve("data").resolve("journal");
    Journal j = Journal.open(journal);
    j.replay(0, (s, b) -> { });
    for (int i = 0; i < 3; i++) {
      j.append(List.of(Sample.deltaCounter("req", Labels.of("service", "api"), 1_795_000_000_000L + i, 1)));
    }
    j.close();
    Path segment = journal.resolve(String.format("%020d.wal", 1));
    try (RandomAccessFile f = new RandomAccessFile(segment.toFile(), "rw")) {
      f.seek(20);
      f.write(f.read() ^ 0x5a);
    }
    assertThat(Files.size(segment)).isPositive();

    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = Main.run(new String[] {"--data", dir.resolve("data").toString(), "--port",
        Integer.toString(InProcessServer.freePort())}, System.out, new PrintStream(err, true, StandardCharsets.UTF_8));

    String out = err.toString(StandardCharsets.UTF_8);
    assertThat(code).as(out).isEqualTo(1);
    assertThat(out.lines().toList()).singleElement().satisfies(line -> assertThat(line)
        .startsWith("glasshouse: could not start: journal segment")
        .contains(segment.getFileName().toString())
        .contains("--journal-cut-at-corruption"));
  }

  @Test
  void aDamagedStoreFileStopsStartUpWithOneLineNamingTheFile() throws IOException {
    Path data = Files.createDirectories(dir.resolve("data"));
    Files.write(data.resolve("glasshouse.db"), "this is not a database, it was overwritten".repeat(200)
        .getBytes(StandardCharsets.UTF_8));

    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = Main.run(new String[] {"--data", data.toString(), "--port",
        Integer.toString(InProcessServer.freePort())}, System.out, new PrintStream(err, true, StandardCharsets.UTF_8));

    String out = err.toString(StandardCharsets.UTF_8);
    assertThat(code).as(out).isEqualTo(1);
    assertThat(out.lines().toList()).singleElement().satisfies(line -> assertThat(line)
        .startsWith("glasshouse: could not start:")
        .contains(data.resolve("glasshouse.db").toAbsolutePath().toString())
        .contains("backup"));
  }
}
