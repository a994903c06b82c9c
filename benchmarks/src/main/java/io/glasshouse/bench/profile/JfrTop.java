package io.glasshouse.bench.profile;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * Summarises {@code jdk.ExecutionSample} events of a JFR recording: samples per thread (pool numbers folded),
 * the top frames by self time and by inclusive time, in percent of all samples.
 *
 * <p>{@code jfr-top FILE [--top 25] [--thread SUBSTRING] [--callers FRAME_SUBSTRING [--depth 4]]}: with
 * {@code --callers}, also the callers (stacks of up to {@code depth} frames above) of the first frame matching the substring.
 */
public final class JfrTop {
  private JfrTop() {
  }

  public static void main(String[] args) throws Exception {
    if (args.length == 0) {
      System.err.println("usage: jfr-top FILE.jfr [--top 25] [--thread SUBSTRING] [--callers FRAME [--depth 4]]");
      System.exit(2);
    }
    Path file = Path.of(args[0]);
    int top = 25;
    String threadFilter = null;
    String callersOf = null;
    int depth = 4;
    for (int i = 1; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--top" -> top = Integer.parseInt(args[i + 1]);
        case "--thread" -> threadFilter = args[i + 1];
        case "--callers" -> callersOf = args[i + 1];
        case "--depth" -> depth = Integer.parseInt(args[i + 1]);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    Map<String, Integer> threads = new HashMap<>();
    Map<String, Integer> self = new HashMap<>();
    Map<String, Integer> inclusive = new HashMap<>();
    Map<String, Integer> callers = new HashMap<>();
    int total = 0;
    for (RecordedEvent e : RecordingFile.readAllEvents(file)) {
      if (!e.getEventType().getName().equals("jdk.ExecutionSample")) {
        continue;
      }
      RecordedThread t = e.getThread("sampledThread");
      String thread = t == null ? "?" : String.valueOf(t.getJavaName()).replaceAll("\\d+", "N");
      if (threadFilter != null && !thread.contains(threadFilter)) {
        continue;
      }
      total++;
      threads.merge(thread, 1, Integer::sum);
      RecordedStackTrace st = e.getStackTrace();
      if (st == null || st.getFrames().isEmpty()) {
        continue;
      }
      List<RecordedFrame> frames = st.getFrames();
      self.merge(name(frames.get(0)), 1, Integer::sum);
      if (callersOf != null) {
        for (int i = 0; i < frames.size(); i++) {
          if (name(frames.get(i)).contains(callersOf)) {
            StringBuilder sb = new StringBuilder();
            for (int j = i + 1; j < Math.min(frames.size(), i + 1 + depth); j++) {
              sb.append(j > i + 1 ? " < " : "").append(name(frames.get(j)));
            }
            callers.merge(sb.toString(), 1, Integer::sum);
            break;
          }
        }
      }
      Set<String> seen = new HashSet<>();
      for (RecordedFrame f : frames) {
        String n = name(f);
        if (seen.add(n)) {
          inclusive.merge(n, 1, Integer::sum);
        }
      }
    }
    System.out.printf(Locale.ROOT, "%d execution samples%s%n", total,
        threadFilter == null ? "" : " on threads matching '" + threadFilter + "'");
    print("threads", threads, total, 10);
    print("top frames, self", self, total, top);
    print("top frames, inclusive", inclusive, total, top);
    if (callersOf != null) {
      print("callers of " + callersOf, callers, total, top);
    }
  }

  private static String name(RecordedFrame f) {
    String type = f.getMethod().getType().getName();
    int dot = type.lastIndexOf('.');
    String pkg = dot > 0 ? type.substring(0, dot) : "";
    String shortPkg = pkg.replaceAll("([a-z])[a-z]*\\.", "$1.");
    return shortPkg + (dot > 0 ? "." : "") + type.substring(dot + 1) + "." + f.getMethod().getName();
  }

  private static void print(String title, Map<String, Integer> counts, int total, int n) {
    System.out.println("-- " + title);
    counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder())).limit(n)
        .forEach(en -> System.out.printf(Locale.ROOT, "%6.1f%%  %s%n", 100.0 * en.getValue() / Math.max(1, total),
            en.getKey()));
  }
}
