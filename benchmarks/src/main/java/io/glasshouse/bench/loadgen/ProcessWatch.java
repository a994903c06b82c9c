package io.glasshouse.bench.loadgen;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Watches a process through {@code /proc}: samples {@code VmRSS} every 100 ms (keeping the maximum), reads
 * {@code VmHWM} (the kernel's own peak) on demand, and reads CPU time of the process and of the whole machine,
 * so a report can say how much CPU went to the server, to the generator and to everything else.
 */
final class ProcessWatch implements AutoCloseable {
  private static final double TICKS_PER_SECOND = 100.0; // USER_HZ on Linux

  private final long pid;
  private final Thread sampler;
  private volatile boolean stop;
  private volatile long maxRssKib;
  private volatile long lastRssKib;

  ProcessWatch(long pid) {
    this.pid = pid;
    if (pid > 0) {
      sampler = new Thread(this::sample, "loadgen-rss");
      sampler.setDaemon(true);
      sampler.start();
    } else {
      sampler = null;
    }
  }

  boolean enabled() {
    return pid > 0;
  }

  private void sample() {
    while (!stop) {
      long rss = statusKib("VmRSS:");
      if (rss > 0) {
        lastRssKib = rss;
        if (rss > maxRssKib) {
          maxRssKib = rss;
        }
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  long lastRssKib() {
    return lastRssKib;
  }

  /** The larger of the kernel's VmHWM and the largest VmRSS sampled. */
  long peakRssKib() {
    return Math.max(maxRssKib, statusKib("VmHWM:"));
  }

  private long statusKib(String key) {
    if (pid <= 0) {
      return -1;
    }
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
        if (line.startsWith(key)) {
          String v = line.substring(key.length()).trim();
          return Long.parseLong(v.substring(0, v.indexOf(' ')));
        }
      }
    } catch (IOException | RuntimeException e) {
      return -1;
    }
    return -1;
  }

  /** CPU seconds (user + system) used by the watched process so far, or -1. */
  double processCpuSeconds() {
    if (pid <= 0) {
      return -1;
    }
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS_PER_SECOND;
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  /** Busy CPU seconds of the whole machine so far (all cores, everything but idle and iowait), or -1. */
  static double machineBusySeconds() {
    try {
      String first = Files.readAllLines(Path.of("/proc/stat")).get(0);
      String[] f = first.trim().split("\\s+");
      long busy = 0;
      for (int i = 1; i < Math.min(f.length, 9); i++) {
        if (i != 4 && i != 5) {
          busy += Long.parseLong(f[i]);
        }
      }
      return busy / TICKS_PER_SECOND;
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  @Override
  public void close() {
    stop = true;
    if (sampler != null) {
      sampler.interrupt();
    }
  }
}
