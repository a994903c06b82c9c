package io.glasshouse.rollup.forecast.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.glasshouse.rollup.forecast.Series;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** forecast-eval's CSV input, read with Jackson's CSV format: headers, quotes, blank lines and extra columns. */
class CsvSeriesTest {
  @TempDir
  Path dir;

  @Test
  void readsQuotedRowsSkipsHeaderAndBlankLinesAndIgnoresExtraColumns() throws Exception {
    Path f = dir.resolve("s.csv");
    Files.writeString(f, "\"timestamp\",\"value\",\"note\"\n"
        + "\"2026-01-01 00:00:00\", 1.5 ,\"first, with a comma\"\n"
        + "\n"
        + "2026-01-01T00:05:00Z,2.5\n"
        + "1767226200,3.5,\"quoted \"\"note\"\"\"\n");

    Series s = CsvSeries.read(f);

    assertThat(s.startMs()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z").toEpochMilli());
    assertThat(s.stepMs()).isEqualTo(300_000L);
    assertThat(s.values()).containsExactly(1.5, 2.5, 3.5);
  }

  @Test
  void aFileWithoutRowsIsRefusedNamingIt() throws Exception {
    Path f = dir.resolve("empty.csv");
    Files.writeString(f, "timestamp,value\n");
    assertThatThrownBy(() -> CsvSeries.read(f)).hasMessageContaining("empty.csv has no timestamp,value rows");
  }
}
