package io.glasshouse.collector;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;

/** Assertions on RFC 9457 problem answers. */
final class Problems {
  private Problems() {
  }

  /** Asserts status, problem+json, a detail; returns the document. */
  static JsonObject assertProblem(HttpResponse<Buffer> r, int status) {
    assertThat(r.statusCode()).as("status of %s", r.bodyAsString()).isEqualTo(status);
    assertThat(r.getHeader("Content-Type")).isEqualTo("application/problem+json");
    JsonObject p = r.bodyAsJsonObject();
    assertThat(p.getInteger("status")).isEqualTo(status);
    assertThat(p.getString("title")).isNotBlank();
    assertThat(p.getString("type")).isNotBlank();
    assertThat(p.getString("detail")).isNotBlank();
    return p;
  }

  /** The reasons listed in the {@code errors} member. */
  static java.util.List<String> reasons(JsonObject problem) {
    return problem.getJsonArray("errors").stream().map(o -> ((JsonObject) o).getString("reason")).toList();
  }
}
