package io.glasshouse.rollup.slo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class SloJsonCodecTest {
  private final SloJsonCodec codec = new SloJsonCodec();

  static JsonObject availability() {
    return new JsonObject("""
        {"name": "checkout-availability", "service": "checkout", "target": 0.999,
         "description": "Checkout answers", "owner": "team-payments", "labels": {"tier": "1"},
         "sli": {"ratio": {"bad": "http_server_requests{status=~\\"5..\\"}", "total": "http_server_requests"}},
         "window": {"rolling": "30d"}}
        """);
  }

  @Test
  void readsEveryFieldAndDefaultsToOccurrences() {
    SloDefinition d = codec.fromJson(availability());
    assertThat(d.name()).isEqualTo("checkout-availability");
    assertThat(d.service()).isEqualTo("checkout");
    assertThat(d.target()).isEqualTo(0.999);
    assertThat(d.owner()).isEqualTo("team-payments");
    assertThat(d.labels()).containsEntry("tier", "1");
    assertThat(d.window()).isEqualTo(new SloWindow.Rolling(Duration.ofDays(30)));
    assertThat(d.budgeting()).isInstanceOf(Budgeting.Occurrences.class);
    Sli.Ratio r = (Sli.Ratio) d.sli();
    assertThat(r.good()).isNull();
    assertThat(r.bad().metric()).isEqualTo("http_server_requests");
    assertThat(r.bad().matchers()).hasSize(1);
    assertThat(r.bad().matchers().get(0).toString()).isEqualTo("status=~\"5..\"");
    assertThat(r.total().matchers()).isEmpty();
  }

  @Test
  void roundTripsEveryKind() {
    JsonObject latency = new JsonObject("""
        {"name": "checkout-latency", "service": "checkout", "target": 0.99,
         "sli": {"latency": {"metric": "http_server_requests_seconds{uri=\\"/pay\\"}", "threshold": 0.3}},
         "window": {"calendar": "month", "time-zone": "Europe/Berlin"},
         "budgeting": {"method": "timeslices", "slice": "5m", "slice-target": 0.95}}
        """);
    JsonObject gauge = new JsonObject("""
        {"name": "probe", "service": "edge", "target": 0.995,
         "sli": {"gauge": {"metric": "probe_success"}},
         "window": {"calendar": "week", "time-zone": "America/New_York", "start": "2022-01-01T12:00"}}
        """);
    for (JsonObject j : new JsonObject[] {availability(), latency, gauge}) {
      SloDefinition d = codec.fromJson(j);
      assertThat(codec.fromJson(codec.toJson(d))).isEqualTo(d);
    }
    SloDefinition l = codec.fromJson(latency);
    assertThat(l.window()).isEqualTo(SloWindow.Calendar.of(SloWindow.Unit.MONTH, ZoneId.of("Europe/Berlin")));
    assertThat(l.budgeting()).isEqualTo(new Budgeting.Timeslices(Duration.ofMinutes(5), 0.95));
    assertThat(codec.toJson(l).getJsonObject("window").containsKey("start")).isFalse();
    assertThat(codec.toJson(codec.fromJson(gauge)).getJsonObject("window").getString("start"))
        .isEqualTo("2022-01-01T12:00");
  }

  @Test
  void invalidFieldsAreNamedByTheirJsonPath() {
    assertField(availability().put("name", "Checkout_Availability"), "name", "lower-case");
    assertField(availability().put("target", 99.9), "target", "between 0 and 1");
    assertField(availability().put("sli", new JsonObject().put("ratio",
        new JsonObject().put("good", "sum(rate(x[5m]))").put("total", "x"))), "sli.ratio.good", "series selector");
    assertField(availability().put("sli", new JsonObject().put("ratio",
        new JsonObject().put("good", "x{a=~\"(\"}").put("total", "x"))), "sli.ratio.good", "regular expression");
    assertField(availability().put("sli", new JsonObject().put("ratio",
        new JsonObject().put("good", "x").put("bad", "y").put("total", "x"))), "sli.ratio", "exactly one");
    assertField(availability().put("window", new JsonObject().put("calendar", "year")), "window.calendar",
        "week, month or quarter");
    assertField(availability().put("window", new JsonObject().put("calendar", "month").put("time-zone", "Mars/Base")),
        "window.time-zone", "IANA");
    assertField(availability().put("budgeting", new JsonObject().put("method", "timeslices").put("slice", "1m")),
        "budgeting.slice-target", "required");
    assertField(availability().put("colour", "red"), "colour", "not a known key");
    assertField(availability().copy().put("window", null), "window", "required");
  }

  private void assertField(JsonObject json, String field, String detail) {
    assertThatThrownBy(() -> codec.fromJson(json)).isInstanceOfSatisfying(SloDefinitionException.class, e -> {
      assertThat(e.field()).isEqualTo(field);
      assertThat(e.detail()).contains(detail);
    });
  }
}
