package io.glasshouse.collector;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Senders that send headers and one byte of a large body cannot hold the collector: they are answered 408 and
 * disconnected after the request-body timeout, and with several ingest tokens one token cannot take every
 * in-flight slot, so a valid sender with another token still gets 2xx meanwhile.
 */
@ExtendWith(VertxExtension.class)
class SlowClientTest {
  static final String BODY = "{\"service\":\"a\",\"samples\":[{\"metric\":\"m\",\"type\":\"gauge\",\"value\":1}]}";

  CollectorServer server;
  final List<Socket> sockets = new ArrayList<>();

  @AfterEach
  void stop() throws IOException {
    for (Socket s : sockets) {
      s.close();
    }
    server.close();
  }

  /** Opens a connection that sends the headers of a 100,000-byte JSON body and its first byte only. */
  private Socket slowSender(String token) throws IOException {
    Socket s = new Socket("127.0.0.1", server.port);
    s.setSoTimeout(20_000);
    sockets.add(s);
    OutputStream out = s.getOutputStream();
    out.write(("POST /api/v1/ingest HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
        + (token == null ? "" : "Authorization: Bearer " + token + "\r\n")
        + "Content-Length: 100000\r\n\r\n{").getBytes(StandardCharsets.US_ASCII));
    out.flush();
    return s;
  }

  /** Reads what the server sends until it closes the connection. */
  private static String readAll(Socket s) throws IOException {
    InputStream in = s.getInputStream();
    return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
  }

  private HttpResponse<Buffer> validSend(String token) {
    var r = server.post("/api/v1/ingest").putHeader("Content-Type", "application/json");
    if (token != null) {
      r.putHeader("Authorization", "Bearer " + token);
    }
    return server.send(r, BODY.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void oneTokensSlowSendersCannotTakeTheSlotsOfAnotherToken(Vertx vertx) throws IOException {
    server = CollectorServer.start(vertx, CollectorConfig.fromJson(new JsonObject()
        .put("ingest-tokens", new JsonArray().add("slow-token").add("good-token"))
        .put("max-in-flight-requests", 8).put("max-in-flight-per-token", 4).put("request-body-timeout", "2s")));
    for (int i = 0; i < 12; i++) {
      slowSender("slow-token");
    }

    assertThat(validSend("good-token").statusCode()).isEqualTo(200);
    int perToken = 0;
    int timedOut = 0;
    for (Socket s : sockets) {
      String answer = readAll(s); // each is answered and closed: refused at once, or 408 after the timeout
      if (answer.startsWith("HTTP/1.1 503")) {
        assertThat(answer).contains("collector.max-in-flight-per-token");
        perToken++;
      } else {
        assertThat(answer).startsWith("HTTP/1.1 408");
        timedOut++;
      }
    }
    assertThat(perToken).isEqualTo(8);
    assertThat(timedOut).isEqualTo(4);
  }

  @Test
  void sendersThatStallMidBodyGet408AndFreeTheirSlots(Vertx vertx) throws IOException {
    server = CollectorServer.start(vertx, CollectorConfig.fromJson(new JsonObject()
        .put("max-in-flight-requests", 3).put("request-body-timeout", "1s")));
    List<Socket> stalled = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      stalled.add(slowSender(null));
    }

    for (Socket s : stalled) {
      String answer = readAll(s); // returns once the server answered and closed the connection
      assertThat(answer).startsWith("HTTP/1.1 408").contains("application/problem+json")
          .contains("collector.request-body-timeout");
    }

    HttpResponse<Buffer> valid = validSend(null);
    assertThat(valid.statusCode()).as(valid.bodyAsString()).isEqualTo(200);
    assertThat(server.counter(CollectorMetrics.REFUSED, "reason", "body_timeout")).isEqualTo(3);
  }

  @Test
  void aConnectionThatSendsNothingIsClosedAfterTheIdleTimeout(Vertx vertx) throws IOException {
    server = CollectorServer.start(vertx, CollectorConfig.fromJson(new JsonObject().put("idle-timeout", "1s")));
    Socket silent = new Socket("127.0.0.1", server.port);
    silent.setSoTimeout(20_000);
    sockets.add(silent);

    assertThat(silent.getInputStream().read()).as("end of stream: the server closed the connection").isEqualTo(-1);
  }
}
