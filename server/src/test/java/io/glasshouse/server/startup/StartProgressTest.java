package io.glasshouse.server.startup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.glasshouse.server.config.ServerSettings;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Issue #6: a start-up that timed out printed only {@code java.util.concurrent.TimeoutException}. It must name the
 * part that did not start in time and what to do, and the limit is the setting {@code server.start-timeout}.
 */
class StartProgressTest {

  @Test
  void aStartUpTimeoutNamesThePartStillStartingAndWhatToDo() {
    StartProgress progress = new StartProgress();
    progress.begin("config objects", "");
    progress.begin("the rollup engine's replay of 12 MiB of journal (data/journal) and its start-up checkpoint",
        "check the disk of data");
    Promise<String> neverCompletes = Promise.promise();

    assertThatThrownBy(() -> progress.await(neverCompletes.future(), Duration.ofMillis(1)))
        .isInstanceOf(StartProgress.StartTimeoutException.class)
        .hasMessageContaining("the rollup engine's replay of 12 MiB of journal")
        .hasMessageContaining("did not finish within 1 ms (server.start-timeout)")
        .hasMessageContaining("check the disk of data")
        .hasMessageContaining("raise server.start-timeout")
        .hasMessageNotContaining("TimeoutException");
  }

  @Test
  void aStartedServerIsHandedBack() throws Exception {
    assertThat(new StartProgress().await(Future.succeededFuture("up"), Duration.ofSeconds(1))).isEqualTo("up");
  }

  @Test
  void theStartTimeoutIsASettingOfTwoMinutesByDefault() {
    assertThat(ServerSettings.fromJson(new JsonObject()).startTimeout()).isEqualTo(Duration.ofSeconds(120));
    assertThat(ServerSettings.fromJson(new JsonObject().put("start-timeout", "10m")).startTimeout())
        .isEqualTo(Duration.ofMinutes(10));
    assertThatThrownBy(() -> ServerSettings.fromJson(new JsonObject().put("start-timeout", "0s")))
        .hasMessageContaining("server.start-timeout");
  }
}
