package io.glasshouse.rollup.slo;

import io.glasshouse.rollup.config.ConfigDocumentParser;
import io.glasshouse.rollup.config.InvalidConfigException;
import java.util.List;

/**
 * {@code PUT /api/v1/config/openslo}: an OpenSLO v1 YAML text (one or more documents) becomes {@code slo} objects,
 * all or none. What cannot be mapped is refused naming the document's field ({@link OpenSlo}).
 */
public final class OpenSloParser implements ConfigDocumentParser {
  private static final SloJsonCodec CODEC = new SloJsonCodec();

  @Override
  public String name() {
    return "openslo";
  }

  @Override
  public List<Parsed> parse(String document) {
    try {
      return OpenSlo.parseYaml(document).slos().stream()
          .map(d -> new Parsed(SloKind.INSTANCE.name(), CODEC.toJson(d)))
          .toList();
    } catch (SloDefinitionException e) {
      throw InvalidConfigException.of(e.field(), e.detail());
    }
  }
}
