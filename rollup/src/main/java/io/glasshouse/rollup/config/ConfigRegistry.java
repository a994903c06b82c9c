package io.glasshouse.rollup.config;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live configuration objects of every registered kind: those from the configuration file (read-only) and
 * those created through the config API (persisted in a {@link ConfigStore}, audited).
 *
 * <p>Contract:
 * <ul>
 *   <li>Kinds and document parsers are registered by name ({@link #register}, {@link #registerParser}) before
 *       {@link #load()}; stored objects of a kind nobody registered stay in the store untouched.</li>
 *   <li>A change is validated by its kind, then persisted with its audit entry in one store transaction, and only
 *       then visible: {@link #list}, {@link #get} and subscribers see it at once, no restart. A refused or failed
 *       change changes nothing. Changes are applied one at a time, in the order they were asked for.</li>
 *   <li>Subscribers ({@link #subscribe}) get the kind's whole current list (file objects first, then API objects
 *       in creation order) when they subscribe and after every change of that kind, on the thread that
 *       completed the change.</li>
 * </ul>
 * Thread-safe.
 */
public final class ConfigRegistry {
  private static final Logger LOG = LoggerFactory.getLogger(ConfigRegistry.class);
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,62}");
  /** Path segments the config API uses itself; no kind or parser may take them. */
  public static final Set<String> RESERVED = Set.of("audit");

  private final ConfigStore store;
  private final Clock clock;
  private final Map<String, Entry<?>> kinds = new LinkedHashMap<>();
  private final Map<String, ConfigDocumentParser> parsers = new LinkedHashMap<>();
  private Future<?> tail = Future.succeededFuture();

  private static final class Entry<T> {
    final ConfigKind<T> kind;
    final Map<String, ConfigObject> file = new LinkedHashMap<>();
    final Map<String, ConfigObject> api = new LinkedHashMap<>();
    final List<Consumer<List<T>>> listeners = new CopyOnWriteArrayList<>();
    int max = Integer.MAX_VALUE;
    String maxKey;

    /** Objects in effect: the file's plus the API's not shadowed by the file. */
    int size() {
      int n = file.size();
      for (String id : api.keySet()) {
        n += file.containsKey(id) ? 0 : 1;
      }
      return n;
    }

    Entry(ConfigKind<T> kind) {
      this.kind = kind;
    }

    @SuppressWarnings("unchecked")
    List<T> values() {
      List<T> out = new ArrayList<>();
      file.values().forEach(o -> out.add((T) o.value()));
      api.values().forEach(o -> {
        if (!file.containsKey(o.id())) {
          out.add((T) o.value());
        }
      });
      return out;
    }
  }

  public ConfigRegistry(ConfigStore store, Clock clock) {
    this.store = Objects.requireNonNull(store, "store");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Registers a kind with the objects the configuration file defines for it (already validated by the file's
   * reader; ids must be unique).
   *
   * @throws IllegalArgumentException when the name is taken or malformed, or file ids repeat
   */
  public synchronized <T> void register(ConfigKind<T> kind, List<T> fromFile) {
    checkName(kind.name());
    Entry<T> e = new Entry<>(kind);
    for (T v : fromFile) {
      String id = kind.id(v);
      if (e.file.put(id, new ConfigObject(kind.name(), id, ConfigObject.Source.FILE, kind.toJson(v), v, 0, null, null))
          != null) {
        throw new IllegalArgumentException(kind.name() + " '" + id + "' is defined twice in the configuration file");
      }
    }
    kinds.put(kind.name(), e);
  }

  /**
   * Caps how many objects of {@code kind} may exist (file and API together): a create (or a document) that would
   * pass {@code max} is refused with {@link ConfigRefusal.Reason#LIMIT}, naming {@code configKey}, the setting
   * that raises it. Objects already there stay (a lowered limit only stops new ones).
   */
  public synchronized void limit(String kind, int max, String configKey) {
    if (max < 1) {
      throw new IllegalArgumentException(configKey + " must be at least 1, got " + max);
    }
    Entry<?> e = known(kind);
    if (e.file.size() > max) {
      throw new IllegalArgumentException("the configuration file defines " + e.file.size() + " " + kind
          + " objects, more than " + configKey + " (" + max + "): raise " + configKey + " or remove some");
    }
    e.max = max;
    e.maxKey = configKey;
  }

  /** Registers a document format for {@code PUT /api/v1/config/{name}}. */
  public synchronized void registerParser(ConfigDocumentParser parser) {
    checkName(parser.name());
    parsers.put(parser.name(), parser);
  }

  private void checkName(String name) {
    if (!NAME.matcher(name).matches() || RESERVED.contains(name)) {
      throw new IllegalArgumentException("'" + name + "' cannot name a config kind: use lower-case letters, digits "
          + "and dashes, not " + RESERVED);
    }
    if (kinds.containsKey(name) || parsers.containsKey(name)) {
      throw new IllegalArgumentException("a config kind or document format named '" + name + "' is registered");
    }
  }

  /**
   * Reads the stored objects of registered kinds. An object that no longer validates (its kind's rules changed)
   * is left out with a warning naming it; one whose id the configuration file now defines is shadowed by the file's.
   */
  public Future<Void> load() {
    return store.loadAll().map(rows -> {
      List<Entry<?>> changed = new ArrayList<>();
      synchronized (this) {
        for (ConfigStore.StoredObject row : rows) {
          Entry<?> e = kinds.get(row.kind());
          if (e == null) {
            LOG.warn("config store holds a {} '{}', a kind this server does not know; left as it is", row.kind(),
                row.id());
            continue;
          }
          try {
            ConfigObject o = decode(e, row.spec(), ConfigObject.Source.API, row.version(), row.updatedAt(),
                row.updatedBy());
            if (e.file.containsKey(o.id())) {
              LOG.warn("{} '{}' is defined in the configuration file and through the config API; the file's wins",
                  row.kind(), row.id());
            }
            e.api.put(o.id(), o);
            if (!changed.contains(e)) {
              changed.add(e);
            }
          } catch (IllegalArgumentException ex) {
            LOG.warn("stored {} '{}' no longer validates and is left out: {}", row.kind(), row.id(), ex.getMessage());
          }
        }
      }
      changed.forEach(this::notifyListeners);
      return null;
    });
  }

  private static <T> ConfigObject decode(Entry<T> e, JsonObject spec, ConfigObject.Source source, long version,
      java.time.Instant at, String by) {
    T v = e.kind.fromJson(spec.copy());
    return new ConfigObject(e.kind.name(), e.kind.id(v), source, e.kind.toJson(v), v, version, at, by);
  }

  /** Calls {@code listener} now with the kind's objects, and after every change of the kind. */
  public <T> void subscribe(ConfigKind<T> kind, Consumer<List<T>> listener) {
    Entry<T> e = entry(kind.name(), kind);
    List<T> now;
    synchronized (this) {
      e.listeners.add(listener);
      now = e.values();
    }
    listener.accept(now);
  }

  @SuppressWarnings("unchecked")
  private synchronized <T> Entry<T> entry(String name, ConfigKind<T> kind) {
    Entry<?> e = kinds.get(name);
    if (e == null || e.kind != kind) {
      throw new IllegalArgumentException("config kind '" + name + "' is not registered");
    }
    return (Entry<T>) e;
  }

  private <T> void notifyListeners(Entry<T> e) {
    List<T> now;
    synchronized (this) {
      now = e.values();
    }
    for (Consumer<List<T>> l : e.listeners) {
      try {
        l.accept(now);
      } catch (RuntimeException ex) {
        LOG.error("a subscriber of {} failed on a change", e.kind.name(), ex);
      }
    }
  }

  /** Registered kinds, in registration order. */
  public synchronized List<String> kinds() {
    return List.copyOf(kinds.keySet());
  }

  /** Registered document formats. */
  public synchronized List<String> parsers() {
    return List.copyOf(parsers.keySet());
  }

  /** Whether {@code name} is a registered document format. */
  public synchronized boolean hasParser(String name) {
    return parsers.containsKey(name);
  }

  /** The kind's objects: file objects first, then API objects in creation order. */
  public synchronized List<ConfigObject> list(String kind) {
    Entry<?> e = known(kind);
    List<ConfigObject> out = new ArrayList<>(e.file.values());
    e.api.values().stream().filter(o -> !e.file.containsKey(o.id())).forEach(out::add);
    return out;
  }

  /** One object. */
  public synchronized Optional<ConfigObject> get(String kind, String id) {
    Entry<?> e = known(kind);
    ConfigObject f = e.file.get(id);
    return Optional.ofNullable(f != null ? f : e.api.get(id));
  }

  private Entry<?> known(String kind) {
    Entry<?> e = kinds.get(kind);
    if (e == null) {
      throw new ConfigRefusal(ConfigRefusal.Reason.UNKNOWN_KIND, "There is no config kind '" + kind + "'; kinds: "
          + String.join(", ", kinds.keySet()) + (parsers.isEmpty() ? "" : "; documents (PUT): "
          + String.join(", ", parsers.keySet())) + ".");
    }
    return e;
  }

  /** Creates an object; fails with {@link InvalidConfigException} or {@link ConfigRefusal} (exists). */
  public Future<ConfigObject> create(String kind, JsonObject spec, String who) {
    return serially(() -> commit(List.of(prepare(kind, null, spec, who, null, Mode.CREATE)))).map(l -> l.get(0));
  }

  /**
   * Replaces object {@code id}; the spec's id field may be left out (the path's id is used) but must not differ.
   *
   * @param ifMatch the version the caller last saw, or null to replace whatever is there
   */
  public Future<ConfigObject> replace(String kind, String id, JsonObject spec, String who, Long ifMatch) {
    return serially(() -> commit(List.of(prepare(kind, id, spec, who, ifMatch, Mode.REPLACE)))).map(l -> l.get(0));
  }

  /** Deletes object {@code id}; returns what was deleted. */
  public Future<ConfigObject> delete(String kind, String id, String who, Long ifMatch) {
    return serially(() -> commit(List.of(prepare(kind, id, null, who, ifMatch, Mode.DELETE)))).map(l -> l.get(0));
  }

  /**
   * Parses a document with the parser called {@code format} and creates or replaces every object it defines,
   * all in one transaction or none. Errors name fields as {@code objects[i].field}.
   */
  public Future<List<ConfigObject>> applyDocument(String format, String document, String who) {
    return serially(() -> {
      ConfigDocumentParser parser;
      synchronized (this) {
        parser = parsers.get(format);
      }
      if (parser == null) {
        throw new ConfigRefusal(ConfigRefusal.Reason.UNKNOWN_KIND, "There is no document format '" + format
            + "'" + (parsers().isEmpty() ? "; none is installed." : "; formats: " + String.join(", ", parsers())
            + "."));
      }
      List<ConfigDocumentParser.Parsed> objects = parser.parse(document);
      List<Prepared> prepared = new ArrayList<>();
      List<FieldError> errors = new ArrayList<>();
      Set<String> seen = new java.util.HashSet<>();
      for (int i = 0; i < objects.size(); i++) {
        ConfigDocumentParser.Parsed p = objects.get(i);
        try {
          Prepared one = prepare(p.kind(), null, p.spec(), who, null, Mode.UPSERT);
          if (!seen.add(one.kind + "/" + one.id)) {
            throw InvalidConfigException.of("", "defines " + one.kind + " '" + one.id + "' a second time");
          }
          prepared.add(one);
        } catch (InvalidConfigException e) {
          errors.addAll(e.prefixed("objects[" + i + "].").errors());
        } catch (ConfigRefusal e) {
          errors.add(new FieldError("objects[" + i + "]", e.detail()));
        }
      }
      if (!errors.isEmpty()) {
        throw new InvalidConfigException(errors);
      }
      return commit(prepared);
    });
  }

  /** The audit trail, newest first; {@code before} is a sequence number from a previous page, or null. */
  public Future<AuditPage> audit(int limit, Long before) {
    return store.audit(limit, before);
  }

  private enum Mode { CREATE, REPLACE, DELETE, UPSERT }

  private record Prepared(Entry<?> entry, String kind, String id, ConfigObject after, ConfigStore.Change change) {
  }

  private synchronized Prepared prepare(String kind, String pathId, JsonObject spec, String who, Long ifMatch,
      Mode mode) {
    Entry<?> e = known(kind);
    String id = pathId;
    ConfigObject after = null;
    if (mode != Mode.DELETE) {
      if (spec == null) {
        throw InvalidConfigException.of("", "the body must be a JSON object");
      }
      JsonObject body = spec.copy();
      if (pathId != null) {
        Object given = body.getValue(e.kind.idField());
        if (given == null) {
          body.put(e.kind.idField(), pathId);
        } else if (!pathId.equals(given)) {
          throw InvalidConfigException.of(e.kind.idField(), e.kind.idField() + " '" + given + "' differs from the id"
              + " in the path '" + pathId + "'; an object's id cannot change (delete it and create another)");
        }
      }
      after = decode(e, body, ConfigObject.Source.API, 0, clock.instant(), who);
      id = after.id();
    }
    if (e.file.containsKey(id)) {
      throw new ConfigRefusal(ConfigRefusal.Reason.FILE_OWNED, kind + " '" + id + "' comes from the configuration "
          + "file, which stays its source: edit the file and restart to change it.");
    }
    ConfigObject before = e.api.get(id);
    if (mode == Mode.CREATE && before != null) {
      throw new ConfigRefusal(ConfigRefusal.Reason.EXISTS, kind + " '" + id + "' exists already (version "
          + before.version() + "); replace it with PUT /api/v1/config/" + kind + "/" + id + ".");
    }
    if ((mode == Mode.REPLACE || mode == Mode.DELETE) && before == null) {
      throw new ConfigRefusal(ConfigRefusal.Reason.NOT_FOUND, "There is no " + kind + " '" + id + "'; create it "
          + "with POST /api/v1/config/" + kind + ".");
    }
    if (ifMatch != null && (before == null || before.version() != ifMatch)) {
      throw new ConfigRefusal(ConfigRefusal.Reason.VERSION_MISMATCH, kind + " '" + id + "' is at version "
          + (before == null ? "none" : before.version()) + ", not " + ifMatch + ": it changed since you read it; "
          + "read it again and retry.");
    }
    String action = mode == Mode.DELETE ? "delete" : before == null ? "create" : "replace";
    long version = before == null ? 1 : before.version() + 1;
    java.time.Instant at = clock.instant();
    if (after != null) {
      after = new ConfigObject(kind, id, ConfigObject.Source.API, after.spec(), after.value(), version, at, who);
    }
    AuditEntry audit = new AuditEntry(0, at, who, kind, id, action, before == null ? null : before.spec(),
        after == null ? null : after.spec());
    return new Prepared(e, kind, id, after == null ? before : after,
        new ConfigStore.Change(kind, id, after == null ? null : after.spec(), version, audit));
  }

  private Future<List<ConfigObject>> commit(List<Prepared> prepared) {
    checkLimits(prepared);
    return store.apply(prepared.stream().map(Prepared::change).toList()).map(v -> {
      List<Entry<?>> changed = new ArrayList<>();
      synchronized (this) {
        for (Prepared p : prepared) {
          if (p.change().spec() == null) {
            p.entry().api.remove(p.id());
          } else {
            p.entry().api.put(p.id(), p.after());
          }
          if (!changed.contains(p.entry())) {
            changed.add(p.entry());
          }
        }
      }
      for (Prepared p : prepared) {
        LOG.info("config: {} {} '{}' by {}", p.change().audit().action(), p.kind(), p.id(), p.change().audit().who());
      }
      changed.forEach(this::notifyListeners);
      return prepared.stream().map(Prepared::after).toList();
    });
  }

  private synchronized void checkLimits(List<Prepared> prepared) {
    Map<Entry<?>, Integer> creates = new java.util.HashMap<>();
    for (Prepared p : prepared) {
      if (p.change().spec() != null && !p.entry().api.containsKey(p.id())) {
        creates.merge(p.entry(), 1, Integer::sum);
      }
    }
    creates.forEach((e, n) -> {
      int now = e.size();
      if (now + n > e.max) {
        throw new ConfigRefusal(ConfigRefusal.Reason.LIMIT, "There are " + now + " " + e.kind.name() + " objects "
            + "and the limit is " + e.max + " (" + e.maxKey + ")" + (n > 1 ? "; this request adds " + n : "")
            + ": delete some with DELETE /api/v1/config/" + e.kind.name() + "/{id}, or raise " + e.maxKey
            + " in the configuration file and restart.");
      }
    });
  }

  /** Runs {@code op} after every change asked for before it; a failure of one does not stop the next. */
  private synchronized <T> Future<T> serially(Supplier<Future<T>> op) {
    Future<T> f = tail.transform(ar -> {
      try {
        return op.get();
      } catch (RuntimeException e) {
        return Future.failedFuture(e);
      }
    });
    tail = f;
    return f;
  }
}
