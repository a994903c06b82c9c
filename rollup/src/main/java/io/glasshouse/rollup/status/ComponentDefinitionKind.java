package io.glasshouse.rollup.status;

import io.glasshouse.rollup.config.ConfigKind;
import io.glasshouse.rollup.config.SpecReader;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@link ComponentDefinition}s as configuration objects of kind {@code component}, identified by {@code id}:
 *
 * <pre>
 * {"id": "checkout-api", "name": "Checkout API", "description": "Orders and payments", "group": "Shop",
 *  "position": 1, "public": true, "services": ["checkout"], "slos": ["checkout-availability"]}
 * </pre>
 *
 * {@code id} and {@code name} are required; {@code description} and {@code group} default to empty,
 * {@code position} to 0, {@code public} to true, the lists to empty.
 */
public final class ComponentDefinitionKind implements ConfigKind<ComponentDefinition> {
  /** The one instance. */
  public static final ComponentDefinitionKind INSTANCE = new ComponentDefinitionKind();
  static final Pattern ID = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?");
  private static final Pattern REF = Pattern.compile("[A-Za-z0-9._:-]{1,200}");
  private static final Set<String> FIELDS = Set.of("id", "name", "description", "group", "position", "public",
      "services", "slos");

  private ComponentDefinitionKind() {
  }

  @Override
  public String name() {
    return "component";
  }

  @Override
  public String idField() {
    return "id";
  }

  @Override
  public ComponentDefinition fromJson(JsonObject json) {
    SpecReader r = new SpecReader(json, FIELDS);
    String id = r.id("id", ID, "lower-case letters, digits and dashes (at most 64, not starting or ending with a "
        + "dash)");
    String name = r.requiredString("name");
    if (name != null && name.length() > 100) {
      r.error("name", "name must be at most 100 characters, got " + name.length());
    }
    String description = r.string("description", "");
    String group = r.string("group", "");
    int position = r.integer("position", 0, 0, 1_000_000);
    boolean isPublic = r.bool("public", true);
    List<String> services = r.strings("services", REF, "a service name");
    List<String> slos = r.strings("slos", REF, "an SLO name");
    r.done();
    return new ComponentDefinition(id, name, description, group, position, isPublic, services, slos);
  }

  @Override
  public JsonObject toJson(ComponentDefinition c) {
    return new JsonObject().put("id", c.id()).put("name", c.name()).put("description", c.description())
        .put("group", c.group()).put("position", c.position()).put("public", c.isPublic())
        .put("services", new JsonArray(c.services())).put("slos", new JsonArray(c.slos()));
  }

  @Override
  public String id(ComponentDefinition value) {
    return value.id();
  }
}
