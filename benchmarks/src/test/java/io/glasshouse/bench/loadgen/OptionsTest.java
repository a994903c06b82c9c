package io.glasshouse.bench.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import io.glasshouse.rollup.cli.Cli;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Issue #8: the load generator's command line is picocli's: defaults, errors naming the option, exit 2. */
class OptionsTest {
  final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  final PrintStream stream = new PrintStream(bytes, true, StandardCharsets.UTF_8);

  @Test
  void defaultsAndDurationsInTheOneSyntax() {
    Options o = new Options();
    CommandLine cl = Cli.of(o, stream, stream);
    cl.parseArgs("--target", "http://127.0.0.1:8080", "--protocol", "otlp", "--duration", "2m", "--mix", "mixed");
    o.validate();

    assertThat(o.instances).isEqualTo(200);
    assertThat(o.samplesPerRequest).isEqualTo(1000);
    assertThat(o.duration).isEqualTo(Duration.ofMinutes(2));
    assertThat(o.warmup).isEqualTo(Duration.ofSeconds(5));
    assertThat(o.mix).isEqualTo(Mix.MIXED);
    assertThat(o.endpoint().toString()).isEqualTo("http://127.0.0.1:8080/v1/metrics");
  }

  @Test
  void badArgumentsExitTwoNamingTheOption() {
    assertThat(Cli.execute(new Options(), new String[] {"--instances", "3"}, stream, stream)).isEqualTo(2);
    assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("Missing required option: '--target=URL'");
    bytes.reset();
    assertThat(Cli.execute(new Options(), new String[] {"--target", "http://x", "--protocol", "grpc"}, stream,
        stream)).isEqualTo(2);
    assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("--protocol").contains("'grpc'");
    bytes.reset();
    assertThat(Cli.execute(new Options(), new String[] {"--target", "http://x", "--instances", "0"}, stream,
        stream)).isEqualTo(2);
    assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("--instances must be at least 1");
  }

  @Test
  void helpShowsEveryOptionWithItsDefault() {
    assertThat(Cli.execute(new Options(), new String[] {"--help"}, stream, stream)).isZero();
    assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("--concurrency=N").contains("(default: 8)");
  }
}
