package io.glasshouse.rollup.config;

import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * Turns a document in another format (OpenSLO YAML, …) into configuration objects of registered kinds, for
 * {@code PUT /api/v1/config/{name}}. The registry validates every object with its kind and applies them all or
 * none. Stateless and thread-safe.
 */
public interface ConfigDocumentParser {
  /** One object the document defines: its kind's name and its JSON as {@link ConfigKind#fromJson} reads it. */
  record Parsed(String kind, JsonObject spec) {
  }

  /** The name in the URL, e.g. {@code openslo}. */
  String name();

  /**
   * The objects the document defines.
   *
   * @throws InvalidConfigException naming what is wrong or unsupported (fields as paths into the document)
   */
  List<Parsed> parse(String document);
}
