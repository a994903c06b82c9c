package io.glasshouse.rollup.forecast.eval;

import java.io.PrintStream;

/** A one-line progress bar redrawn with carriage returns; silent when given no stream. */
final class Progress {
  private final PrintStream out;
  private final int total;

  Progress(PrintStream out, int total) {
    this.out = out;
    this.total = total;
  }

  void update(int done, String label) {
    if (out == null) {
      return;
    }
    int width = 30;
    int filled = total == 0 ? width : done * width / total;
    String name = label.length() > 40 ? "..." + label.substring(label.length() - 37) : label;
    out.print("\r[" + "#".repeat(filled) + ".".repeat(width - filled) + "] " + done + "/" + total + " " + name
        + " ".repeat(Math.max(0, 44 - name.length())));
    if (done == total) {
      out.println();
    }
    out.flush();
  }
}
