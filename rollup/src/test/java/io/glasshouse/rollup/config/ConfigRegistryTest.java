package io.glasshouse.rollup.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.glasshouse.rollup.status.ComponentDefinition;
import io.glasshouse.rollup.status.ComponentDefinitionKind;
import io.glasshouse.rollup.store.sqlite.SqliteConfigStore;
import io.glasshouse.rollup.time.ManualClock;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The registry over the real SQLite config store: subscribers, document parsers, all-or-nothing, file objects. */
class ConfigRegistryTest {
  static final ComponentDefinitionKind KIND = ComponentDefinitionKind.INSTANCE;

  /** A document format for the test: one component per line, {@code id=name}. */
  static final ConfigDocumentParser LINES = new ConfigDocumentParser() {
    @Override
    public String name() {
      return "lines";
    }

    @Override
    public List<Parsed> parse(String document) {
      List<Parsed> out = new ArrayList<>();
      for (String line : document.split("\n")) {
        String[] kv = line.split("=", 2);
        JsonObject spec = new JsonObject().put("id", kv[0]);
        if (kv.length > 1) {
          spec.put("name", kv[1]);
        }
        out.add(new Parsed("component", spec));
      }
      return out;
    }
  };

  @TempDir
  Path dir;
  Vertx vertx;
  ConfigStore store;
  ConfigRegistry registry;
  final ManualClock clock = new ManualClock(Instant.parse("2026-11-29T12:00:00Z"));
  final List<List<ComponentDefinition>> seen = new ArrayList<>();

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    registry = open(List.of(new ComponentDefinition("status", "Status", "", "", 0, true, List.of(), List.of())));
  }

  ConfigRegistry open(List<ComponentDefinition> fromFile) {
    store = SqliteConfigStore.create(vertx, dir);
    ConfigRegistry r = new ConfigRegistry(store, clock);
    r.register(KIND, fromFile);
    r.registerParser(LINES);
    await(store.open());
    await(r.load());
    return r;
  }

  @AfterEach
  void stop() {
    await(store.close());
    await(vertx.close());
  }

  static <T> T await(Future<T> f) {
    try {
      return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError(e.getCause() == null ? e : e.getCause());
    }
  }

  static Throwable failure(Future<?> f) {
    try {
      f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      return e.getCause();
    }
    throw new AssertionError("expected a failure");
  }

  static JsonObject component(String id, String name) {
    return new JsonObject().put("id", id).put("name", name);
  }

  @Test
  void subscribersSeeFileObjectsFirstAndEveryChangeAtOnce() {
    registry.subscribe(KIND, seen::add);
    await(registry.create("component", component("b", "B"), "ops"));
    await(registry.create("component", component("a", "A"), "ops"));
    await(registry.delete("component", "b", "ops", null));

    assertThat(seen).hasSize(4);
    assertThat(seen.get(0)).extracting(ComponentDefinition::id).containsExactly("status");
    assertThat(seen.get(2)).extracting(ComponentDefinition::id).containsExactly("status", "b", "a");
    assertThat(seen.get(3)).extracting(ComponentDefinition::id).containsExactly("status", "a");
  }

  @Test
  void aDocumentAppliesAllItsObjectsOrNone() {
    await(registry.create("component", component("a", "A"), "ops"));
    Throwable bad = failure(registry.applyDocument("lines", "a=A2\nb\nc=C", "ops"));
    assertThat(bad).isInstanceOf(InvalidConfigException.class);
    assertThat(((InvalidConfigException) bad).errors()).extracting(FieldError::field).containsExactly("objects[1].name");
    assertThat(registry.list("component")).extracting(ConfigObject::id).containsExactly("status", "a");
    assertThat(registry.get("component", "a").orElseThrow().spec().getString("name")).isEqualTo("A");

    List<ConfigObject> applied = await(registry.applyDocument("lines", "a=A2\nb=B", "ops"));
    assertThat(applied).extracting(ConfigObject::version).containsExactly(2L, 1L);
    assertThat(registry.get("component", "a").orElseThrow().spec().getString("name")).isEqualTo("A2");
    assertThat(await(registry.audit(10, null)).entries()).extracting(AuditEntry::action)
        .containsExactly("create", "replace", "create");

    Throwable fileOwned = failure(registry.applyDocument("lines", "status=Mine", "ops"));
    assertThat(((InvalidConfigException) fileOwned).errors().get(0).detail()).contains("configuration file");
    assertThat(failure(registry.applyDocument("openslo", "x", "ops"))).isInstanceOf(ConfigRefusal.class);
  }

  @Test
  void changesAskedForTogetherApplyOneAtATime() {
    List<Future<ConfigObject>> all = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      all.add(registry.create("component", component("same", "N" + i), "ops"));
    }
    await(Future.join(new ArrayList<>(all)).otherwiseEmpty());
    assertThat(all.stream().filter(Future::succeeded)).hasSize(1);
    assertThat(all.stream().filter(Future::failed).map(Future::cause))
        .allSatisfy(e -> assertThat(((ConfigRefusal) e).reason()).isEqualTo(ConfigRefusal.Reason.EXISTS));
  }

  @Test
  void storedObjectsComeBackAndTheFileWinsWhereItNowDefinesTheSameId() {
    await(registry.create("component", component("a", "A"), "ops"));
    await(registry.create("component", component("b", "B"), "ops"));
    await(store.close());

    registry = open(List.of(new ComponentDefinition("b", "B from file", "", "", 0, true, List.of(), List.of())));

    assertThat(registry.list("component")).extracting(o -> o.id() + ":" + o.source().key())
        .containsExactly("b:file", "a:api");
    assertThat(registry.get("component", "b").orElseThrow().spec().getString("name")).isEqualTo("B from file");
    assertThat(registry.get("component", "a").orElseThrow().updatedBy()).isEqualTo("ops");
  }

  @Test
  void aRefusedChangeChangesNothing() {
    registry.subscribe(KIND, seen::add);
    Throwable e = failure(registry.create("component", new JsonObject().put("id", "x")
        .put("services", new JsonArray().add(3)), "ops"));
    assertThat(((InvalidConfigException) e).errors()).extracting(FieldError::field)
        .containsExactly("name", "services[0]");
    assertThat(seen).hasSize(1);
    assertThat(await(registry.audit(10, null)).entries()).isEmpty();
  }
}
