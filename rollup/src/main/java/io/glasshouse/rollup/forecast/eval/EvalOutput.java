package io.glasshouse.rollup.forecast.eval;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writing an eval command's JSON figures to its {@code --out} file. */
final class EvalOutput {
  private EvalOutput() {
  }

  /** Writes {@code json} to {@code outFile} when given; returns the command's exit code (0, or 1 on failure). */
  static int write(Path outFile, JsonObject json, PrintStream out) {
    if (outFile == null) {
      return 0;
    }
    try {
      Files.writeString(outFile, json.encodePrettily());
      out.println("wrote " + outFile);
      return 0;
    } catch (IOException e) {
      out.println("error: cannot write --out " + outFile + ": " + e.getMessage());
      return 1;
    }
  }
}
