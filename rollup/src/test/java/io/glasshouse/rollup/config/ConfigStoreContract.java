package io.glasshouse.rollup.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.glasshouse.rollup.store.StoreFixture;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link ConfigStore} keeps; each implementation's test extends this class and says how to
 * open a store, fresh or again on what an earlier one left.
 */
public abstract class ConfigStoreContract extends StoreFixture<ConfigStore> {
  protected static final Instant T0 = Instant.parse("2026-11-29T12:00:00Z");

  protected ConfigStoreContract() {
    super(ConfigStore::open, ConfigStore::close);
  }

  /** A store over the same place every time it is called within one test (a fresh place per test). */
  @Override
  protected abstract ConfigStore createStore(Vertx vertx) throws Exception;

  protected static ConfigStore.Change put(String kind, String id, JsonObject spec, long version, JsonObject before,
      int minute) {
    return new ConfigStore.Change(kind, id, spec, version, new AuditEntry(0, T0.plusSeconds(60L * minute), "ops",
        kind, id, before == null ? "create" : "replace", before, spec));
  }

  protected static ConfigStore.Change delete(String kind, String id, JsonObject before, int minute) {
    return new ConfigStore.Change(kind, id, null, 0, new AuditEntry(0, T0.plusSeconds(60L * minute), "ops", kind, id,
        "delete", before, null));
  }

  static JsonObject spec(String id, int n) {
    return new JsonObject().put("id", id).put("n", n);
  }

  @Test
  void appliedChangesAreLoadedInCreationOrderWithTheirVersions() {
    await(store.apply(List.of(put("component", "b", spec("b", 1), 1, null, 0))));
    await(store.apply(List.of(put("component", "a", spec("a", 1), 1, null, 1),
        put("capacity-indicator", "x", spec("x", 1), 1, null, 1))));
    await(store.apply(List.of(put("component", "b", spec("b", 2), 2, spec("b", 1), 2))));

    List<ConfigStore.StoredObject> all = await(store.loadAll());
    assertThat(all).filteredOn(o -> o.kind().equals("component")).extracting(ConfigStore.StoredObject::id)
        .containsExactly("b", "a");
    ConfigStore.StoredObject b = all.stream().filter(o -> o.id().equals("b")).findFirst().orElseThrow();
    assertThat(b.spec()).isEqualTo(spec("b", 2));
    assertThat(b.version()).isEqualTo(2);
    assertThat(b.updatedAt()).isEqualTo(T0.plusSeconds(120));
    assertThat(b.updatedBy()).isEqualTo("ops");
  }

  @Test
  void deletionRemovesTheObjectAndKeepsItsHistory() {
    await(store.apply(List.of(put("component", "a", spec("a", 1), 1, null, 0))));
    await(store.apply(List.of(delete("component", "a", spec("a", 1), 1))));

    assertThat(await(store.loadAll())).isEmpty();
    AuditPage page = await(store.audit(10, null));
    assertThat(page.entries()).extracting(AuditEntry::action).containsExactly("delete", "create");
    assertThat(page.entries().get(0).before()).isEqualTo(spec("a", 1));
    assertThat(page.entries().get(0).after()).isNull();
    assertThat(page.nextBefore()).isNull();
  }

  @Test
  void aFailingChangeLeavesNothingOfItsBatch() {
    await(store.apply(List.of(put("component", "a", spec("a", 1), 1, null, 0))));
    ConfigStore.Change broken = new ConfigStore.Change(null, "z", spec("z", 1), 1,
        new AuditEntry(0, T0, "ops", "component", "z", "create", null, spec("z", 1)));

    Future<Void> f = store.apply(List.of(put("component", "b", spec("b", 1), 1, null, 1), broken));
    await(f.otherwiseEmpty());

    assertThat(f.failed()).isTrue();
    assertThat(await(store.loadAll())).extracting(ConfigStore.StoredObject::id).containsExactly("a");
    assertThat(await(store.audit(10, null)).entries()).hasSize(1);
  }

  @Test
  void theAuditTrailPagesNewestFirst() {
    for (int i = 0; i < 5; i++) {
      await(store.apply(List.of(put("component", "c" + i, spec("c" + i, 1), 1, null, i))));
    }
    AuditPage first = await(store.audit(2, null));
    assertThat(first.entries()).extracting(AuditEntry::id).containsExactly("c4", "c3");
    AuditPage second = await(store.audit(2, first.nextBefore()));
    assertThat(second.entries()).extracting(AuditEntry::id).containsExactly("c2", "c1");
    AuditPage last = await(store.audit(2, second.nextBefore()));
    assertThat(last.entries()).extracting(AuditEntry::id).containsExactly("c0");
    assertThat(last.nextBefore()).isNull();
    assertThat(first.entries().get(0).seq()).isGreaterThan(first.entries().get(1).seq());
    assertThat(first.entries().get(0).at()).isEqualTo(T0.plusSeconds(240));
    assertThat(first.entries().get(0).who()).isEqualTo("ops");
  }

  @Test
  void whatWasCommittedSurvivesReopening() throws Exception {
    await(store.apply(List.of(put("component", "a", spec("a", 1), 1, null, 0))));
    await(store.close());
    store = createStore(vertx);
    await(store.open());

    assertThat(await(store.loadAll())).extracting(ConfigStore.StoredObject::id).containsExactly("a");
    assertThat(await(store.audit(10, null)).entries()).hasSize(1);
  }
}
