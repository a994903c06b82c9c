package io.glasshouse.server;

import io.glasshouse.rollup.capacity.CapacityConfig;
import io.glasshouse.rollup.engine.RollupConfig;
import io.glasshouse.rollup.engine.RollupEngine;
import io.glasshouse.rollup.store.RollupStore;
import io.glasshouse.rollup.store.sqlite.SqliteRollupStore;
import io.glasshouse.server.config.GlasshouseConfig;
import io.glasshouse.server.config.ServerSettings;
import io.glasshouse.statuspage.capacity.ReportCommand;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import java.io.PrintStream;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code report capacity --out FILE [--config F] [--data DIR] [--demo]}: the capacity report written offline from
 * the data folder (which must not be in use by a running server; that one serves {@code /reports/capacity}).
 */
final class ReportCapacityCommand {
  private ReportCapacityCommand() {
  }

  static int run(String[] args, PrintStream err) {
    List<String> rest = new ArrayList<>();
    Path configFile = null;
    String data = null;
    boolean demo = false;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--config", "--data" -> {
          if (i + 1 >= args.length) {
            err.println("glasshouse: " + args[i] + " needs a value");
            return 2;
          }
          if (args[i].equals("--config")) {
            configFile = Path.of(args[++i]);
          } else {
            data = args[++i];
          }
        }
        case "--demo" -> demo = true;
        default -> rest.add(args[i]);
      }
    }
    GlasshouseConfig config;
    ServerSettings server;
    RollupConfig rollup;
    CapacityConfig capacity;
    try {
      config = GlasshouseConfig.load(configFile, System.getenv());
      if (demo) {
        DemoDefaults.apply(config);
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
      err.println("glasshouse: no capacity indicators configured: add a capacity section to --config "
          + "(see rollup/README.md), or pass --demo for the demo fleet's");
      return 2;
    }
    FileLock lock;
    try {
      lock = Glasshouse.lockDataDir(server.dataDir());
    } catch (IllegalStateException e) {
      err.println("glasshouse: " + e.getMessage() + " (a running server serves the report at /reports/capacity)");
      return 2;
    }
    Vertx vertx = Vertx.vertx();
    try {
      RollupStore store = SqliteRollupStore.create(vertx, server.dataDir());
      RollupEngine engine = RollupEngine.start(vertx, store, server.dataDir().resolve("journal"), rollup,
          Clock.systemUTC(), new SimpleMeterRegistry()).toCompletionStage().toCompletableFuture().get(5, TimeUnit.MINUTES);
      try {
        return ReportCommand.run(rest.toArray(String[]::new), engine, capacity, Clock.systemUTC(), err);
      } finally {
        engine.close().compose(v -> store.close()).toCompletionStage().toCompletableFuture().get(1, TimeUnit.MINUTES);
      }
    } catch (Exception e) {
      err.println("glasshouse: could not read " + server.dataDir() + ": " + e);
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
