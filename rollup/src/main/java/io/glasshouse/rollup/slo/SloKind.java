package io.glasshouse.rollup.slo;

import io.glasshouse.rollup.config.ConfigKind;
import io.glasshouse.rollup.config.InvalidConfigException;
import io.vertx.core.json.JsonObject;

/**
 * SLOs as configuration objects: the config API's {@code slo} kind ({@code /api/v1/config/slo}), identified by
 * {@code name}, in {@link SloJsonCodec}'s JSON (the same shape as the config file's {@code slos:} entries).
 * Validation errors name the JSON path of the field at fault.
 */
public final class SloKind implements ConfigKind<SloDefinition> {
  /** The one instance (stateless). */
  public static final SloKind INSTANCE = new SloKind();
  private static final SloJsonCodec CODEC = new SloJsonCodec();

  private SloKind() {
  }

  @Override
  public String name() {
    return "slo";
  }

  @Override
  public String idField() {
    return "name";
  }

  @Override
  public SloDefinition fromJson(JsonObject json) {
    try {
      return CODEC.fromJson(json);
    } catch (SloDefinitionException e) {
      throw InvalidConfigException.of(e.field(), e.detail());
    }
  }

  @Override
  public JsonObject toJson(SloDefinition value) {
    return CODEC.toJson(value);
  }

  @Override
  public String id(SloDefinition value) {
    return value.name();
  }
}
