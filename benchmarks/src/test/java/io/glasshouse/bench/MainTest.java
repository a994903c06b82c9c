package io.glasshouse.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Issue #8: the benchmarks jar's top-level command line is picocli's, like the server's. */
class MainTest {
  final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  final PrintStream stream = new PrintStream(bytes, true, StandardCharsets.UTF_8);

  @Test
  void anUnknownCommandExitsTwoNamingItWithTheUsage() {
    assertThat(Main.commandLine(stream, stream).execute("loadgenn")).isEqualTo(2);
    assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("loadgenn").contains("soak").contains("readload");
  }

  @Test
  void noCommandExitsTwoAndHelpListsEveryCommand() {
    assertThat(Main.commandLine(stream, stream).execute()).isEqualTo(2);
    bytes.reset();
    assertThat(Main.commandLine(stream, stream).execute("--help")).isZero();
    assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("loadgen").contains("jmh").contains("heap")
        .contains("serve").contains("jfr-top").contains("readload").contains("soak");
  }
}
