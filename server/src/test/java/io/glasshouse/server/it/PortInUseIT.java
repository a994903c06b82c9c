package io.glasshouse.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.glasshouse.server.e2e.GlasshouseProcess;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #8: the packaged jar started on a port another process holds exits 2 at once with a message naming the
 * port, and leaves its data folder free for the next start.
 */
class PortInUseIT {
  @TempDir
  Path dir;

  @Test
  void portInUseExitsTwoNamingThePortAndFreesTheDataFolder() throws IOException {
    Path data = dir.resolve("data");
    try (ServerSocket taken = new ServerSocket(0)) {
      int port = taken.getLocalPort();
      try (GlasshouseProcess p = GlasshouseProcess.start(dir.resolve("taken.log"), Map.of(), port,
          "--port", Integer.toString(port), "--data", data.toString())) {
        int code = p.awaitExit(Duration.ofSeconds(60));
        String output = p.logText();
        assertThat(code).as(output).isEqualTo(2);
        assertThat(output).contains("port " + port).contains("--port")
            .doesNotContain("RejectedExecutionException").doesNotContain("\tat ");
      }
    }
    try (GlasshouseProcess next = GlasshouseProcess.serve(data, dir.resolve("next.log"), Map.of())) {
      assertThat(next.logText()).doesNotContain("in use by another Glasshouse process");
    }
  }
}
