package io.glasshouse.bench.soak;

import static org.assertj.core.api.Assertions.assertThat;

import io.glasshouse.rollup.cli.Cli;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Issue #8: the soak command's arguments are parsed by picocli: defaults, errors naming the option, exit 2. */
class SoakOptionsTest {
  final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  final PrintStream stream = new PrintStream(bytes, true, StandardCharsets.UTF_8);

  @Test
  void defaultsAndRanges() {
    SoakOptions o = new SoakOptions();
    Cli.of(o, stream, stream).parseArgs("--outage", "1.5-3", "--kills", "1,2.5,4");
    o.validate();

    assertThat(o.jar).isEqualTo(Path.of("server/target/glasshouse.jar"));
    assertThat(o.simMinutes).isEqualTo(120);
    assertThat(o.speed).isEqualTo(30.0);
    assertThat(o.kills).containsExactly(1.0, 2.5, 4.0);
    assertThat(o.outageFrom).isEqualTo(1.5);
    assertThat(o.outageTo).isEqualTo(3.0);
    assertThat(o.storeOutageFrom).isEqualTo(86.0);
    assertThat(o.storeOutageTo).isEqualTo(96.0);
  }

  @Test
  void badArgumentsExitTwoNamingTheOption() {
    assertThat(Cli.execute(new SoakOptions(), new String[] {"--outage", "40"}, stream, stream)).isEqualTo(2);
    assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("--outage").contains("A-B");
    bytes.reset();
    assertThat(Cli.execute(new SoakOptions(), new String[] {"--instances", "1"}, stream, stream)).isEqualTo(2);
    assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("--instances ≥ 2");
    bytes.reset();
    assertThat(Cli.execute(new SoakOptions(), new String[] {"--speeed", "3"}, stream, stream)).isEqualTo(2);
    assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("'--speeed'").contains("Possible solutions: --speed");
  }

  @Test
  void helpListsEveryOptionWithItsDefault() {
    assertThat(Cli.execute(new SoakOptions(), new String[] {"--help"}, stream, stream)).isZero();
    assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("--kills=M").contains("12,30,58,80,105")
        .contains("--store-outage=A-B");
  }
}
