package io.glasshouse.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.glasshouse.rollup.time.ManualClock;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real server answers a request that is not valid HTTP with a problem document, not an empty 400. */
class MalformedHttpTest {
  @TempDir
  Path dir;

  @Test
  void invalidContentLengthGetsAProblemBody() throws Exception {
    ManualClock clock = new ManualClock(Instant.parse("2026-11-27T12:00:00Z"));
    try (InProcessServer s = InProcessServer.start(clock, dir, Map.of());
        Socket socket = new Socket("127.0.0.1", s.port)) {
      socket.setSoTimeout(20_000);
      OutputStream out = socket.getOutputStream();
      out.write(("POST /api/v1/ingest HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
          + "Content-Length: -5\r\n\r\n{}").getBytes(StandardCharsets.US_ASCII));
      out.flush();

      String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

      assertThat(answer).startsWith("HTTP/1.1 400").contains("application/problem+json")
          .contains("\"detail\"").contains("Content-Length");
    }
  }
}
