package io.glasshouse.statuspage.capacity;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The report's static files (style sheet, script), kept as resources rather than in Java strings. */
final class Resources {
  private Resources() {
  }

  /** A UTF-8 resource of this module, e.g. {@code capacity-report/report.js}; a missing one is a packaging bug. */
  static String text(String path) {
    try (InputStream in = Resources.class.getClassLoader().getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("resource " + path + " is missing from the status-page jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
