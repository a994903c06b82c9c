package io.glasshouse.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.glasshouse.server.e2e.GlasshouseProcess;
import io.glasshouse.server.e2e.InProcessServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Bad configuration stops start-up of the packaged jar with exit code 2 and a message naming the key. */
class BadConfigurationIT {
  @TempDir
  Path dir;

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      "'rollup: {late-window: soon}'           | rollup.late-window",
      "'server: {prot: 1}'                     | server.prot",
      "'alerting: {route: pager}'              | alerting",
      "'rollup: {late-windw: 1h}'              | rollup.late-windw",
      "'collector: {max-body-bytes: lots}'     | collector.max-body-bytes",
  })
  void badKeyOrValueInTheFileStopsStartUpNamingTheKey(String yaml, String key) throws IOException {
    Path config = Files.writeString(dir.resolve("glasshouse.yaml"), yaml + "\n");

    int port = InProcessServer.freePort();
    String output = startExpectingFailure(Map.of(), "--config", config.toString(), "--port", Integer.toString(port),
        "--data", dir.resolve("data").toString());

    assertThat(output).contains(key);
  }

  @Test
  void badEnvironmentOverrideStopsStartUpNamingTheKey() {
    // no --port flag: it would override the environment
    String output = startExpectingFailure(Map.of("GLASSHOUSE_SERVER_PORT", "abc"), "--data",
        dir.resolve("data").toString());

    assertThat(output).contains("server.port").contains("abc");
  }

  private String startExpectingFailure(Map<String, String> env, String... args) {
    try (GlasshouseProcess p = GlasshouseProcess.start(dir.resolve("glasshouse.log"), env, -1, args)) {
      int code = p.awaitExit(Duration.ofSeconds(30));
      String output = p.logText();
      assertThat(code).as(output).isEqualTo(2);
      assertThat(output).as("no stack trace for a configuration mistake").doesNotContain("\tat ");
      return output;
    }
  }
}
