package io.glasshouse.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.glasshouse.rollup.time.ManualClock;
import io.glasshouse.server.config.GlasshouseConfig;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.channels.FileLock;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue #8: a port already in use fails start-up at once, naming the port, and frees the data folder. */
class PortInUseTest {
  @TempDir
  Path dir;

  @Test
  void portInUseFailsStartUpNamingThePortAndReleasesTheDataFolderLock() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
      Throwable failure = startOn(taken, 2);

      assertThat(failure).isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("server.port")
          .hasMessageContaining(Integer.toString(taken.getLocalPort()));
      FileLock again = Glasshouse.lockDataDir(dir);
      Glasshouse.release(again);
    }
  }

  /**
   * Start-up fails at the last step (binding the port) after the store, the engine, the journal, the config
   * objects, component status and the alert store have opened their files: every one of them must be closed
   * again (the alert store's database stayed open before they were all put in one list of closeables).
   */
  @Test
  void aStartUpThatFailsHalfWayLeavesNoFileOfTheDataFolderOpen() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
      Throwable failure = startOn(taken, 1);

      assertThat(failure).hasMessageContaining("server.port");
      assertThat(dir.resolve("alerts.db")).exists();
      assertThat(openFilesUnder(dir)).isEmpty();
    }
  }

  /** Starts a server on the taken port and returns why it failed (null if it started, then stopped it). */
  private Throwable startOn(ServerSocket taken, int eventLoops) throws Exception {
    GlasshouseConfig config = GlasshouseConfig.load(null, Map.of());
    config.override("server", "port", taken.getLocalPort());
    config.override("server", "host", "127.0.0.1");
    config.override("server", "data", dir.toString());
    config.override("server", "event-loops", eventLoops);
    try {
      Glasshouse.start(config, false, new ManualClock(Instant.parse("2026-01-01T00:00:00Z")))
          .toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS)
          .stop(java.time.Duration.ofSeconds(10));
      return null;
    } catch (ExecutionException e) {
      return e.getCause();
    }
  }

  /** The files under {@code folder} this process holds open (Linux: the targets of /proc/self/fd). */
  private static List<Path> openFilesUnder(Path folder) throws IOException {
    Path real = folder.toRealPath();
    List<Path> open = new ArrayList<>();
    try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc/self/fd"))) {
      for (Path fd : fds) {
        try {
          Path target = Files.readSymbolicLink(fd);
          if (target.startsWith(real)) {
            open.add(target);
          }
        } catch (IOException e) {
          // closed while listing: not open
        }
      }
    }
    return open;
  }
}
