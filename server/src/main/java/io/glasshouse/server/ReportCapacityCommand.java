package io.glasshouse.server;

import io.glasshouse.rollup.capacity.CapacityConfig;
import io.glasshouse.rollup.capacity.CapacityIndicator;
import io.glasshouse.rollup.capacity.CapacityIndicatorKind;
import io.glasshouse.rollup.cli.HelpOption;
import io.glasshouse.rollup.engine.RollupConfig;
import io.glasshouse.rollup.engine.RollupEngine;
import io.glasshouse.rollup.store.RollupStore;
import io.glasshouse.rollup.store.sqlite.SqliteRollupStore;
import io.glasshouse.server.config.GlasshouseConfig;
import io.glasshouse.server.config.ServerSettings;
import io.glasshouse.server.configapi.ConfigObjects;
import io.glasshouse.statuspage.capacity.ReportCommand;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import java.io.PrintStream;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import io.glasshouse.rollup.store.sqlite.SqliteConfigStore;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code report capacity --out FILE [--format F] [--config F] [--data DIR] [--demo]}: the capacity report written
 * offline from the data folder (which must not be in use by a running server; that one serves
 * {@code /reports/capacity}). A data folder that does not exist or holds no Glasshouse store is a usage error
 * (exit 2), and nothing is created.
 */
@Command(name = "capacity", sortOptions = false,
    description = "Writes the capacity report from a data folder a server wrote (stop the server first; a running "
        + "server serves it at /reports/capacity).")
final class ReportCapacityCommand implements Callable<Integer> {
  /** The file a Glasshouse data folder always holds once a server has run on it. */
  static final String STORE_FILE = "glasshouse.db";

  @Spec
  CommandSpec spec;
  @Mixin
  HelpOption help;
  @Mixin
  ReportCommand.Output output;
  @Option(names = "--config", paramLabel = "FILE", description = "YAML configuration file with the capacity section")
  Path configFile;
  @Option(names = "--data", paramLabel = "DIR", description = "the server's data folder (server.data, default ./data)")
  String data;
  @Option(names = "--demo", description = "use the demo fleet's capacity indicators")
  boolean demo;

  private final PrintStream err;

  ReportCapacityCommand(PrintStream err) {
    this.err = err;
  }

  @Override
  public Integer call() {
    ReportCommand.Format format = output.resolve(spec);
    ServerSettings server;
    RollupConfig rollup;
    CapacityConfig capacity;
    try {
      GlasshouseConfig config = GlasshouseConfig.load(configFile, System.getenv());
      if (demo) {
        DemoHook.applyDefaults(config);
      }
      if (data != null) {
        config.override("server", "data", data);
      }
      server = ServerSettings.fromJson(config.section("server"));
      rollup = RollupConfig.fromJson(config.section("rollup"));
      capacity = CapacityConfig.fromJson(config.has("capacity") ? config.section("capacity") : null);
    } catch (IllegalArgumentException e) {
      err.println("glasshouse: bad configuration: " + e.getMessage());
      return 2;
    }
    if (capacity.indicators().isEmpty()) {
      throw new ParameterException(spec.commandLine(), "no capacity indicators configured: add a capacity section "
          + "to --config (see rollup/README.md), or pass --demo for the demo fleet's");
    }
    Path dir = server.dataDir();
    if (!Files.isDirectory(dir)) {
      throw new ParameterException(spec.commandLine(), "--data " + dir.toAbsolutePath() + " does not exist: "
          + "give the data folder a Glasshouse server wrote (its server.data, ./data by default)");
    }
    if (!Files.isRegularFile(dir.resolve(STORE_FILE))) {
      throw new ParameterException(spec.commandLine(), "--data " + dir.toAbsolutePath() + " holds no Glasshouse "
          + "store (no " + STORE_FILE + "): give the data folder a Glasshouse server wrote, after it received data");
    }
    FileLock lock;
    try {
      lock = Glasshouse.lockDataDir(dir);
    } catch (IllegalStateException e) {
      err.println("glasshouse: " + e.getMessage() + " (a running server serves the report at /reports/capacity)");
      return 2;
    }
    Vertx vertx = Vertx.vertx();
    try {
      RollupStore store = SqliteRollupStore.create(vertx, dir);
      RollupEngine engine = RollupEngine.start(vertx, store, dir.resolve("journal"), rollup, Clock.systemUTC(),
          new SimpleMeterRegistry()).toCompletionStage().toCompletableFuture().get(5, TimeUnit.MINUTES);
      // indicators created through the config API are stored in the same folder: report them too
      ConfigObjects objects = ConfigObjects.open(SqliteConfigStore.create(vertx, dir), Clock.systemUTC(), capacity, List.of(),
          kinds -> { })
          .toCompletionStage().toCompletableFuture().get(1, TimeUnit.MINUTES);
      AtomicReference<List<CapacityIndicator>> live = new AtomicReference<>(capacity.indicators());
      objects.registry().subscribe(CapacityIndicatorKind.INSTANCE, live::set);
      try {
        return ReportCommand.write(output.file(), format, engine, capacity.withIndicators(live.get()),
            Clock.systemUTC(), err);
      } finally {
        engine.close().compose(v -> objects.close()).compose(v -> store.close())
            .toCompletionStage().toCompletableFuture().get(1, TimeUnit.MINUTES);
      }
    } catch (Exception e) {
      err.println("glasshouse: could not read " + dir + ": " + e);
      return 1;
    } finally {
      try {
        vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      } catch (Exception e) {
        err.println("glasshouse: " + e);
      }
      Glasshouse.release(lock);
    }
  }
}
