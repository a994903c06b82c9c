package io.glasshouse.rollup.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.glasshouse.rollup.sample.Labels;
import io.glasshouse.rollup.sample.Sample;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalTest {
  private static final long T = 1_795_000_000_000L;

  @TempDir
  Path dir;

  private static List<Sample> batch(int n, int first) {
    List<Sample> out = new ArrayList<>(n);
    Labels l = Labels.of("service", "api", "instance", "i-1", "path", "/a/b/c");
    for (int i = 0; i < n; i++) {
      out.add(Sample.deltaCounter("req", l, T + first + i, 1));
    }
    return out;
  }

  /** Appends {@code records} records of {@code perRecord} samples, forcing each, and closes the journal. */
  private Journal write(JournalOptions options, int records, int perRecord) {
    Journal j = Journal.open(dir, options);
    j.replay(0, (s, b) -> { });
    for (int i = 0; i < records; i++) {
      j.append(batch(perRecord, i));
      j.force();
    }
    return j;
  }

  private List<Long> replay(JournalOptions options) {
    List<Long> seqs = new ArrayList<>();
    Journal j = Journal.open(dir, options);
    j.replay(0, (s, b) -> seqs.add(s));
    j.close();
    return seqs;
  }

  private Path onlySegment() throws IOException {
    try (var s = Files.list(dir)) {
      return s.filter(p -> p.toString().endsWith(".wal") && sizeOf(p) > 0).findFirst().orElseThrow();
    }
  }

  private static long sizeOf(Path p) {
    try {
      return Files.size(p);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private static void corruptByteAt(Path p, long offset) throws IOException {
    try (RandomAccessFile f = new RandomAccessFile(p.toFile(), "rw")) {
      f.seek(offset);
      int b = f.read();
      f.seek(offset);
      f.write(b ^ 0x5a);
    }
  }

  private static void append(Path p, byte[] bytes) throws IOException {
    Files.write(p, bytes, java.nio.file.StandardOpenOption.APPEND);
  }

  @Test
  void aTornTailIsCutSilentlyAndAppendingGoesOnAfterIt() throws IOException {
    write(JournalOptions.defaults(), 3, 10).close();
    Path seg = onlySegment();
    long good = Files.size(seg);
    append(seg, new byte[] {0, 0, 3, (byte) 0xe8, 1, 2, 3, 4, 9, 9}); // a header promising 1000 bytes, then the crash

    Journal j = Journal.open(dir);
    List<Long> seqs = new ArrayList<>();
    j.replay(0, (s, b) -> seqs.add(s));
    assertThat(seqs).containsExactly(1L, 2L, 3L);
    assertThat(Files.size(seg)).isEqualTo(good);
    j.append(batch(1, 99));
    j.close();
    assertThat(replay(JournalOptions.defaults())).containsExactly(1L, 2L, 3L, 4L);
  }

  @Test
  void aLastRecordWithABadChecksumOrZerosAtTheEndIsATornTail() throws IOException {
    write(JournalOptions.defaults(), 3, 10).close();
    Path seg = onlySegment();
    corruptByteAt(seg, Files.size(seg) - 3); // the last record's bytes did not all reach the disk
    append(seg, new byte[4096]); // and the file was extended with zeros

    assertThat(replay(JournalOptions.defaults())).containsExactly(1L, 2L);
  }

  @Test
  void aChecksumMismatchInTheMiddleOfASegmentStopsReplayNamingTheSegmentOffsetAndTheFlag() throws IOException {
    write(JournalOptions.defaults(), 3, 10).close();
    Path seg = onlySegment();
    long recordSize = Files.size(seg) / 3;
    corruptByteAt(seg, recordSize + 30); // inside record 2; record 3 is intact after it
    long size = Files.size(seg);

    assertThatThrownBy(() -> replay(JournalOptions.defaults()))
        .isInstanceOf(CorruptJournalException.class)
        .hasMessageContaining(seg.getFileName().toString())
        .hasMessageContaining("checksum")
        .hasMessageContaining("offset " + recordSize)
        .hasMessageContaining("after record 1")
        .hasMessageContaining(Journal.CUT_FLAG)
        .hasMessageNotContaining("\n");
    assertThat(Files.size(seg)).as("nothing is cut without the operator's consent").isEqualTo(size);
  }

  @Test
  void aDamagedLengthInTheMiddleOfASegmentIsNotTakenForATornTail() throws IOException {
    write(JournalOptions.defaults(), 3, 10).close();
    Path seg = onlySegment();
    long recordSize = Files.size(seg) / 3;
    corruptByteAt(seg, recordSize); // the high byte of record 2's length: it now runs past the end of the file

    assertThatThrownBy(() -> replay(JournalOptions.defaults())).isInstanceOf(CorruptJournalException.class)
        .hasMessageContaining("impossible record length");
  }

  @Test
  void withTheCutFlagReplayCutsAtTheCorruptRecordAndGoesOnWithLaterSegments() throws IOException {
    Journal j = write(JournalOptions.defaults(), 3, 10);
    j.roll();
    j.append(batch(5, 0));
    j.close();
    Path first = dir.resolve(String.format("%020d.wal", 1));
    long recordSize = Files.size(first) / 3;
    corruptByteAt(first, recordSize + 30);

    assertThatThrownBy(() -> replay(JournalOptions.defaults())).isInstanceOf(CorruptJournalException.class);
    assertThat(replay(JournalOptions.defaults().withCutAtCorruption(true))).containsExactly(1L, 4L);
    assertThat(Files.size(first)).isEqualTo(recordSize);
    assertThat(replay(JournalOptions.defaults())).as("once cut, start-up needs no flag").containsExactly(1L, 4L);
  }

  @Test
  void aBadTailOfAnOlderSegmentIsNotATornTail() throws IOException {
    Journal j = write(JournalOptions.defaults(), 2, 10);
    j.roll();
    j.append(batch(5, 0));
    j.close();
    Path first = dir.resolve(String.format("%020d.wal", 1));
    corruptByteAt(first, Files.size(first) - 3);

    assertThatThrownBy(() -> replay(JournalOptions.defaults())).isInstanceOf(CorruptJournalException.class)
        .hasMessageContaining(first.getFileName().toString());
  }

  @Test
  void segmentsRollBySizeWithoutACheckpointAndCheckpointedOnesAreDeleted() throws IOException {
    Journal j = write(new JournalOptions(16 * 1024, false), 200, 20);
    List<Path> segments = j.segments();
    long record = 4096; // one record of 20 samples is far smaller
    assertThat(segments).hasSizeGreaterThan(5);
    assertThat(segments).allSatisfy(p -> assertThat(sizeOf(p)).isLessThan(16 * 1024 + record));
    int syncs = j.directorySyncs();
    assertThat(syncs).as("the folder is forced for every segment created").isGreaterThanOrEqualTo(segments.size());

    j.roll();
    j.deleteSegmentsBefore(j.lastSeq());
    assertThat(j.segments()).hasSize(1);
    assertThat(j.directorySyncs()).as("and after deleting").isEqualTo(syncs + 2);
    j.close();
    assertThat(replay(JournalOptions.defaults())).isEmpty();
  }

  @Test
  void aLargeJournalReplaysEveryRecordInOrder() {
    int records = 2_000;
    Journal w = Journal.open(dir, new JournalOptions(4L << 20, false));
    w.replay(0, (s, b) -> { });
    for (int i = 0; i < records; i++) {
      w.append(batch(500, i));
      if (i % 100 == 99) {
        w.force(); // group commit
      }
    }
    w.close();
    assertThat(w.segments()).hasSizeGreaterThan(3);

    long[] samples = new long[1];
    long[] lastSeq = new long[1];
    Journal j = Journal.open(dir);
    j.replay(0, (s, b) -> {
      assertThat(s).isEqualTo(lastSeq[0] + 1);
      lastSeq[0] = s;
      samples[0] += b.size();
    });
    j.close();
    assertThat(lastSeq[0]).isEqualTo(records);
    assertThat(samples[0]).isEqualTo(records * 500L);
  }

  @Test
  void replayAfterACheckpointSkipsWhatItCovers() {
    write(JournalOptions.defaults(), 5, 1).close();
    List<Long> seqs = new ArrayList<>();
    Journal j = Journal.open(dir);
    j.replay(3, (s, b) -> seqs.add(s));
    assertThat(seqs).containsExactly(4L, 5L);
    assertThat(j.lastSeq()).isEqualTo(5);
    j.close();
  }
}
