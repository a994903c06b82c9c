package io.glasshouse.collector;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import io.glasshouse.collector.http.GzipBuffer;
import io.glasshouse.collector.http.HttpProblem;
import io.glasshouse.collector.http.SnappyBuffer;
import io.glasshouse.collector.otlp.FastOtlpDecoder;
import io.glasshouse.collector.otlp.OtlpDecoder;
import io.glasshouse.collector.otlp.OtlpShape;
import io.glasshouse.collector.otlp.proto.RpcStatusProto;
import io.glasshouse.collector.validate.DecodedBatch;
import io.glasshouse.collector.validate.RejectionTally;
import io.glasshouse.collector.validate.RequestTooLargeException;
import io.glasshouse.collector.validate.ShapeLimits;
import io.glasshouse.collector.validate.UndecodableException;
import io.glasshouse.rollup.sample.Protocol;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsPartialSuccess;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code POST /v1/metrics}: OTLP/HTTP, binary protobuf or JSON, optionally gzip. Not atomic: refused points
 * are reported in {@code partial_success} of a 200 answer, the rest applied. Errors are {@code google.rpc.Status}
 * in the request's encoding (JSON when it is unknown).
 */
final class OtlpEndpoint extends IngestEndpoint {
  static final String PROTOBUF = "application/x-protobuf";
  static final String JSON = "application/json";
  private static final String FORMAT = "glasshouse.otlp.format";
  private static final JsonFormat.Printer PRINTER = JsonFormat.printer().omittingInsignificantWhitespace();

  private final boolean fast;
  private final long maxDecompressed;

  OtlpEndpoint(Shared shared) {
    super(Protocol.OTLP, false, shared);
    this.fast = shared.config.decoder() == CollectorConfig.Decoder.FAST;
    this.maxDecompressed = shared.config.maxDecompressedBytes();
  }

  @Override
  String checkHeaders(RoutingContext ctx) {
    String type = mediaType(ctx.request());
    if (!type.equals(PROTOBUF) && !type.equals(JSON)) {
      throw HttpProblem.unsupportedMediaType("Content-Type '" + ctx.request().getHeader(HttpHeaders.CONTENT_TYPE)
          + "' is not supported; OTLP/HTTP metrics are application/x-protobuf or application/json");
    }
    ctx.put(FORMAT, type);
    String encoding = contentEncoding(ctx.request());
    if (!encoding.equals(IDENTITY) && !encoding.equals(GZIP)) {
      throw unsupportedEncoding(encoding, "gzip or no Content-Encoding");
    }
    return encoding;
  }

  /**
   * With {@code collector.decoder: fast} (the default), protobuf bodies are gunzipped (when gzip) into the
   * thread's reused buffer and decoded straight from it by {@link FastOtlpDecoder}, which also counts them against
   * the limits; otherwise (and for JSON) through protobuf's generated classes.
   */
  @Override
  DecodedBatch decodeBody(RoutingContext ctx, byte[] raw, String encoding, ShapeLimits.Budget budget)
      throws UndecodableException, RequestTooLargeException {
    if (!fast || !PROTOBUF.equals(ctx.get(FORMAT))) {
      return super.decodeBody(ctx, raw, encoding, budget);
    }
    if (GZIP.equals(encoding)) {
      SnappyBuffer.Decompressed body = GzipBuffer.gunzip(raw, maxDecompressed);
      return FastOtlpDecoder.forThisThread().decode(body.bytes(), 0, body.length(), budget);
    }
    return FastOtlpDecoder.forThisThread().decode(raw, 0, raw.length, budget);
  }

  @Override
  DecodedBatch decode(RoutingContext ctx, byte[] body, ShapeLimits.Budget budget)
      throws UndecodableException, RequestTooLargeException {
    if (JSON.equals(ctx.get(FORMAT))) {
      OtlpShape.checkJson(body, budget);
      return OtlpDecoder.decode(OtlpDecoder.parseJson(body));
    }
    OtlpShape.checkProtobuf(body, budget);
    return OtlpDecoder.decode(OtlpDecoder.parseProtobuf(body));
  }

  @Override
  void answerAccepted(RoutingContext ctx, int accepted, RejectionTally tally) {
    ExportMetricsServiceResponse.Builder response = ExportMetricsServiceResponse.newBuilder();
    if (!tally.isEmpty()) {
      response.setPartialSuccess(ExportMetricsPartialSuccess.newBuilder()
          .setRejectedDataPoints(tally.total())
          .setErrorMessage(tally.summary()));
    }
    write(ctx, 200, response.build());
  }

  @Override
  void answerProblem(RoutingContext ctx, HttpProblem problem) {
    RpcStatusProto.Status status = RpcStatusProto.Status.newBuilder()
        .setCode(grpcCode(problem.status()))
        .setMessage(problem.detail())
        .build();
    problem.prepare(ctx.response());
    write(ctx, problem.status(), status);
  }

  private static void write(RoutingContext ctx, int httpStatus, Message message) {
    String format = ctx.get(FORMAT);
    Buffer body;
    if (PROTOBUF.equals(format)) {
      body = Buffer.buffer(message.toByteArray());
    } else {
      format = JSON;
      try {
        body = Buffer.buffer(PRINTER.print(message));
      } catch (InvalidProtocolBufferException e) {
        throw new IllegalStateException("our own response message cannot be printed as JSON", e);
      }
    }
    ctx.response().setStatusCode(httpStatus).putHeader(HttpHeaders.CONTENT_TYPE, format).end(body);
  }

  /** The google.rpc.Code matching an HTTP status, as OTLP/HTTP servers report it. */
  static int grpcCode(int httpStatus) {
    return switch (httpStatus) {
      case 400, 408, 413, 415 -> 3; // INVALID_ARGUMENT
      case 401 -> 16; // UNAUTHENTICATED
      case 429 -> 8; // RESOURCE_EXHAUSTED
      case 503 -> 14; // UNAVAILABLE
      default -> 13; // INTERNAL
    };
  }
}
