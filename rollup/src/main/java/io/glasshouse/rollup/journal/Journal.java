package io.glasshouse.rollup.journal;

import io.glasshouse.rollup.sample.Sample;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The write-ahead journal: every admitted batch is appended here and forced to disk before the ingest
 * request is answered, so a 2xx survives {@code kill -9}.
 *
 * <p>Layout: a folder of segment files named after the sequence number of their first record
 * ({@code 00000000000000000042.wal}). A record is {@code [int length][int crc32c][long seq][samples]}, the
 * length and checksum covering {@code seq} and the samples. A segment is closed and a new one started at every
 * checkpoint and whenever it reaches {@link JournalOptions#segmentBytes()}, so segments stay small even while
 * checkpoints fail. The folder is {@code fsync}ed whenever a segment is created or deleted.
 *
 * <p>Replay streams the records (one record in memory at a time). A torn tail, a record cut short by a crash
 * mid-write at the end of the newest segment, is cut off silently. Any other corrupt record (a checksum mismatch
 * or impossible length with intact data after it, or in an older segment) stops replay with a
 * {@link CorruptJournalException} unless the operator chose {@link JournalOptions#cutAtCorruption()}.
 *
 * <p>Checkpoints in the store name the last sequence they contain; {@link #replay} applies the records after it,
 * and {@link #deleteSegmentsBefore} drops segments a committed checkpoint made unnecessary.
 *
 * <p>Threads: one writer thread owns the journal ({@link #append}, {@link #seal}, {@link #roll},
 * {@link #deleteSegmentsBefore}); it may hand each sealed {@link Flush} to one other thread that
 * {@link #write}s it (group commit on a journal thread), as long as it seals the next one only after that write
 * returned and rolls only while no write is under way.
 */
public final class Journal implements AutoCloseable {
  /** The command-line flag that lets replay cut a segment at a corrupt record; named in error messages. */
  public static final String CUT_FLAG = "--journal-cut-at-corruption";
  private static final Logger LOG = LoggerFactory.getLogger(Journal.class);
  private static final int HEADER = 16;

  private final Path dir;
  private final JournalOptions options;
  private GrowableBuffer pending = new GrowableBuffer(1 << 20);
  /** The buffer of the flush being written (at most one); swapped with {@link #pending} by {@link #seal}. */
  private GrowableBuffer spare = new GrowableBuffer(1 << 20);
  private FileChannel segment;
  private volatile long segmentFirstSeq;
  private long segmentSize;
  private long nextSeq;
  private int directorySyncs;
  private final java.util.concurrent.atomic.AtomicLong forces = new java.util.concurrent.atomic.AtomicLong();

  private Journal(Path dir, JournalOptions options) {
    this.dir = dir;
    this.options = options;
  }

  /** Opens (creating) the journal folder with default options; call {@link #replay} next, then append. */
  public static Journal open(Path dir) {
    return open(dir, JournalOptions.defaults());
  }

  /** Opens (creating) the journal folder; call {@link #replay} next, then append. */
  public static Journal open(Path dir, JournalOptions options) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create journal folder " + dir, e);
    }
    return new Journal(dir, options);
  }

  /**
   * Reads every intact record with a sequence number above {@code afterSeq} in order, cutting off a torn tail,
   * then positions the journal to append after the last intact record in a fresh segment.
   *
   * @throws CorruptJournalException for a corrupt record that is not a torn tail, unless cutting is allowed
   */
  public void replay(long afterSeq, BiConsumer<Long, List<Sample>> consumer) {
    long last = afterSeq;
    List<Path> all = segments();
    for (int i = 0; i < all.size(); i++) {
      last = Math.max(last, replaySegment(all.get(i), i == all.size() - 1, afterSeq, consumer));
    }
    nextSeq = last + 1;
    roll();
  }

  private long replaySegment(Path p, boolean newest, long afterSeq, BiConsumer<Long, List<Sample>> consumer) {
    long last = -1;
    try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      long size = ch.size();
      DataInputStream in = new DataInputStream(new BufferedInputStream(Channels.newInputStream(ch), 1 << 16));
      byte[] record = new byte[4096];
      long pos = 0;
      String problem = null;
      while (pos < size) {
        if (size - pos < HEADER) {
          problem = "a record header cut short";
          break;
        }
        int len = in.readInt();
        int crc = in.readInt();
        if (len < 8 || len > size - pos - 8) {
          problem = "an impossible record length " + len;
          break;
        }
        if (record.length < len) {
          record = new byte[Math.max(len, (int) Math.min(Integer.MAX_VALUE - 8, 2L * record.length))];
        }
        in.readFully(record, 0, len);
        CRC32C c = new CRC32C();
        c.update(record, 0, len);
        if ((int) c.getValue() != crc) {
          problem = "a checksum mismatch";
          break;
        }
        ByteBuffer buf = ByteBuffer.wrap(record, 0, len);
        long seq = buf.getLong();
        if (seq > afterSeq) {
          List<Sample> samples;
          try {
            samples = SampleCodec.decode(buf.slice());
          } catch (RuntimeException e) {
            throw new CorruptJournalException("journal segment " + p + ": record " + seq + " at byte offset " + pos
                + " has a valid checksum but cannot be decoded (" + e + "); was it written by a newer Glasshouse?");
          }
          consumer.accept(seq, samples);
        }
        last = seq;
        pos += 8 + len;
      }
      if (problem != null) {
        boolean torn = newest && !intactRecordAfter(ch, pos, size, last < 0 ? firstSeq(p) : last + 1);
        long dropped = size - pos;
        if (torn) {
          LOG.warn("journal segment {}: cutting a torn tail of {} bytes at offset {} (a crash mid-write)",
              p.getFileName(), dropped, pos);
        } else if (options.cutAtCorruption()) {
          LOG.warn("journal segment {}: {} at offset {}; cutting {} bytes there as {} asked (records in them are lost)",
              p, problem, pos, dropped, CUT_FLAG);
        } else {
          throw new CorruptJournalException("journal segment " + p + " is corrupt: " + problem + " at byte offset "
              + pos + (last < 0 ? "" : " (after record " + last + ")") + ", with " + dropped
              + " bytes after it that are not a torn tail; the disk or the file was damaged. Keep a copy of the"
              + " segment, then start once with " + CUT_FLAG + " to drop the records from that offset on");
        }
        ch.truncate(pos);
        ch.force(true);
      }
    } catch (EOFException e) {
      throw new UncheckedIOException("journal segment " + p + " changed while it was read", e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read journal segment " + p + ": " + e.getMessage(), e);
    }
    return last;
  }

  /**
   * True when an intact record (plausible length and sequence, matching checksum) starts anywhere after the bad
   * one at {@code bad}: then the damage is in the middle, not a tail torn by a crash mid-write.
   */
  private static boolean intactRecordAfter(FileChannel ch, long bad, long size, long minSeq) throws IOException {
    long rest = Math.min(size - bad, Integer.MAX_VALUE - 8);
    ByteBuffer b = ch.map(FileChannel.MapMode.READ_ONLY, bad, rest);
    for (int o = 1; o + HEADER <= rest; o++) {
      int len = b.getInt(o);
      if (len < 8 || o + 8L + len > rest) {
        continue;
      }
      long seq = b.getLong(o + 8);
      if (seq < minSeq || seq - minSeq > (1 << 24)) {
        continue;
      }
      CRC32C c = new CRC32C();
      c.update(b.slice(o + 8, len));
      if ((int) c.getValue() == b.getInt(o + 4)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Buffers one batch as a record; returns its sequence number. Nothing is on disk until {@link #force}.
   *
   * @throws IllegalStateException if the record would exceed the largest record size; nothing is buffered
   */
  public long append(List<Sample> samples) {
    int at = pending.size();
    try {
      pending.putInt(0);
      pending.putInt(0);
      pending.putLong(nextSeq);
      SampleCodec.encode(samples, pending);
    } catch (RuntimeException e) {
      pending.truncate(at);
      throw e;
    }
    long seq = nextSeq++;
    int len = pending.size() - at - 8;
    CRC32C c = new CRC32C();
    c.update(pending.array(), at + 8, len);
    pending.putIntAt(at, len);
    pending.putIntAt(at + 4, (int) c.getValue());
    return seq;
  }

  /**
   * Records sealed for one write and {@code fsync}: everything appended since the previous seal, up to and
   * including record {@link #lastSeq}.
   */
  public static final class Flush {
    private final GrowableBuffer bytes;
    private final long lastSeq;

    private Flush(GrowableBuffer bytes, long lastSeq) {
      this.bytes = bytes;
      this.lastSeq = lastSeq;
    }

    /** The last record in this flush. */
    public long lastSeq() {
      return lastSeq;
    }
  }

  /**
   * Seals the records appended since the last seal for {@link #write}; null when there are none. Writer thread;
   * the previous flush must have been written.
   */
  public Flush seal() {
    if (pending.size() == 0) {
      return null;
    }
    Flush f = new Flush(pending, nextSeq - 1);
    pending = spare;
    spare = f.bytes;
    return f;
  }

  /**
   * Writes a sealed flush and forces it to the device; starts a new segment once this one is full. May run on a
   * thread other than the writer's (see the class comment).
   */
  public void write(Flush f) {
    try {
      ByteBuffer b = f.bytes.asByteBuffer();
      while (b.hasRemaining()) {
        segmentSize += segment.write(b);
      }
      segment.force(false);
      forces.incrementAndGet();
    } catch (IOException e) {
      throw new UncheckedIOException("journal write failed in " + dir, e);
    } finally {
      f.bytes.clear();
    }
    if (segmentSize >= options.segmentBytes()) {
      startSegment(f.lastSeq + 1);
    }
  }

  /** Writes the buffered records and forces them to the device; starts a new segment once this one is full. */
  public void force() {
    Flush f = seal();
    if (f != null) {
      write(f);
    }
  }

  /** How many times records were forced to the device since open (one per group commit). */
  public long forces() {
    return forces.get();
  }

  /** The sequence number of the last record appended, or of the checkpoint replayed from. */
  public long lastSeq() {
    return nextSeq - 1;
  }

  /** Starts a new segment; records appended from now on go there. Forces first. */
  public void roll() {
    force();
    startSegment(nextSeq);
  }

  private void startSegment(long firstSeq) {
    try {
      if (segment != null) {
        segment.close();
      }
      segment = FileChannel.open(dir.resolve(String.format("%020d.wal", firstSeq)), StandardOpenOption.CREATE,
          StandardOpenOption.WRITE, StandardOpenOption.APPEND);
      segmentFirstSeq = firstSeq;
      segmentSize = segment.size();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start a journal segment in " + dir, e);
    }
    syncDirectory();
  }

  /** Deletes every segment whose records all have sequence numbers at or below {@code checkpointSeq}. */
  public void deleteSegmentsBefore(long checkpointSeq) {
    List<Path> all = segments();
    boolean deleted = false;
    for (int i = 0; i + 1 < all.size(); i++) {
      long nextFirst = firstSeq(all.get(i + 1));
      if (nextFirst <= checkpointSeq + 1 && nextFirst <= segmentFirstSeq) {
        try {
          deleted |= Files.deleteIfExists(all.get(i));
        } catch (IOException e) {
          LOG.warn("cannot delete journal segment {}: {}", all.get(i), e.toString());
        }
      }
    }
    if (deleted) {
      syncDirectory();
    }
  }

  /** Makes segment creations and deletions durable: without it a crash may bring back or lose a file name. */
  private void syncDirectory() {
    try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
      d.force(true);
      directorySyncs++;
    } catch (IOException e) {
      LOG.warn("cannot fsync the journal folder {}: {}", dir, e.toString());
    }
  }

  /** How often the folder was forced (tests). */
  int directorySyncs() {
    return directorySyncs;
  }

  /** The segment files, oldest first. */
  List<Path> segments() {
    try (Stream<Path> s = Files.list(dir)) {
      List<Path> l = new ArrayList<>(s.filter(p -> p.getFileName().toString().endsWith(".wal")).toList());
      l.sort((a, b) -> Long.compare(firstSeq(a), firstSeq(b)));
      return l;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list journal folder " + dir, e);
    }
  }

  private static long firstSeq(Path p) {
    String n = p.getFileName().toString();
    return Long.parseLong(n.substring(0, n.length() - 4));
  }

  @Override
  public void close() {
    try {
      force();
      if (segment != null) {
        segment.close();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
