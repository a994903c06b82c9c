package io.glasshouse.statuspage.page;

import static org.assertj.core.api.Assertions.assertThat;

import io.glasshouse.statuspage.page.PageStates.State;
import io.glasshouse.statuspage.web.Branding;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/**
 * Many clients on {@code /status/events}: past the cap each new one gets a 503 problem with {@code Retry-After}, and a
 * client that disconnects frees its slot for the next one.
 */
class EventStreamSlotsTest {
  private static final int CAP = 5;

  /** One raw HTTP/1.1 client; {@link #status()} reads the status line, {@link #awaitLine} the body. */
  private static final class RawClient implements AutoCloseable {
    final Socket socket;
    final BufferedReader in;

    RawClient(String base) throws IOException {
      URI u = URI.create(base);
      socket = new Socket(u.getHost(), u.getPort());
      socket.setSoTimeout(30_000);
      OutputStream out = socket.getOutputStream();
      out.write(("GET /status/events HTTP/1.1\r\nHost: " + u.getHost() + "\r\nAccept: text/event-stream\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
    }

    int status() throws IOException {
      return Integer.parseInt(in.readLine().split(" ")[1]);
    }

    /** Reads lines until one starts with {@code prefix}; returns it. */
    String awaitLine(String prefix) throws IOException {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        if (line.toLowerCase().startsWith(prefix.toLowerCase())) {
          return line;
        }
      }
      throw new AssertionError("stream ended before a line starting with " + prefix);
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }

  @Test
  void clientsPastTheCapGet503UntilOneDisconnectsAndFreesItsSlot() throws Exception {
    try (PageServer s = new PageServer(State.OPERATIONAL, Branding.defaults(), Duration.ofHours(1), CAP)) {
      List<RawClient> open = new ArrayList<>();
      try {
        for (int i = 0; i < CAP; i++) {
          RawClient c = new RawClient(s.base);
          assertThat(c.status()).isEqualTo(200);
          c.awaitLine(": connected");
          open.add(c);
        }
        assertThat(s.live.connections()).isEqualTo(CAP);
        for (int i = 0; i < 3; i++) {
          try (RawClient refused = new RawClient(s.base)) {
            assertThat(refused.status()).isEqualTo(503);
            assertThat(refused.awaitLine("retry-after:")).isEqualToIgnoringCase("Retry-After: 30");
          }
        }
        assertThat(s.live.connections()).isEqualTo(CAP);

        // two clients go away: their slots are freed, and two new clients get a stream again
        open.remove(0).close();
        open.remove(0).close();
        until(() -> s.live.connections() == CAP - 2);
        for (int i = 0; i < 2; i++) {
          RawClient c = new RawClient(s.base);
          assertThat(c.status()).isEqualTo(200);
          c.awaitLine(": connected");
          open.add(c);
        }
        assertThat(s.live.connections()).isEqualTo(CAP);
        try (RawClient refused = new RawClient(s.base)) {
          assertThat(refused.status()).isEqualTo(503);
        }
        // the open ones still get changes
        s.live.changed();
        for (RawClient c : open) {
          assertThat(c.awaitLine("event: ")).isEqualTo("event: change");
        }
      } finally {
        for (RawClient c : open) {
          c.close();
        }
      }
    }
  }

  private static void until(java.util.function.BooleanSupplier condition) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for the freed slots");
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
    }
  }
}
