package io.glasshouse.collector;

import io.glasshouse.collector.http.HttpProblem;
import io.glasshouse.collector.json.JsonBatchDecoder;
import io.glasshouse.collector.validate.DecodedBatch;
import io.glasshouse.collector.validate.RejectionTally;
import io.glasshouse.collector.validate.RequestTooLargeException;
import io.glasshouse.collector.validate.ShapeLimits;
import io.glasshouse.collector.validate.UndecodableException;
import io.glasshouse.rollup.sample.Protocol;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;

/** {@code POST /api/v1/ingest}: the JSON batch format, optionally gzip. Atomic; 200 {@code {"accepted": N}}. */
final class JsonEndpoint extends IngestEndpoint {
  private final JsonBatchDecoder decoder;

  JsonEndpoint(Shared shared, Clock clock) {
    super(Protocol.JSON, true, shared);
    this.decoder = new JsonBatchDecoder(clock);
  }

  @Override
  String checkHeaders(RoutingContext ctx) {
    if (!mediaType(ctx.request()).equals("application/json")) {
      throw HttpProblem.unsupportedMediaType("Content-Type '" + ctx.request().getHeader(HttpHeaders.CONTENT_TYPE)
          + "' is not supported; send application/json (curl: -H 'Content-Type: application/json')");
    }
    String encoding = contentEncoding(ctx.request());
    if (!encoding.equals(IDENTITY) && !encoding.equals(GZIP)) {
      throw unsupportedEncoding(encoding, "gzip or no Content-Encoding");
    }
    return encoding;
  }

  @Override
  DecodedBatch decode(RoutingContext ctx, byte[] body, ShapeLimits.Budget budget)
      throws UndecodableException, RequestTooLargeException {
    JsonBatchDecoder.SHAPE.check(body, budget);
    return decoder.decode(body);
  }

  @Override
  void answerAccepted(RoutingContext ctx, int accepted, RejectionTally tally) {
    ctx.response().setStatusCode(200).putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
        .end(new JsonObject().put("accepted", accepted).encode());
  }
}
