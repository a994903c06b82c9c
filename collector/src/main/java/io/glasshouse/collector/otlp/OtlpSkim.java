package io.glasshouse.collector.otlp;

import io.glasshouse.collector.validate.RequestTooLargeException;
import io.glasshouse.collector.validate.ShapeLimits;
import io.glasshouse.collector.wire.Utf8;
import io.glasshouse.collector.wire.WireException;
import io.glasshouse.collector.wire.WireReader;

/**
 * The parts of an OTLP metrics request that {@link FastOtlpDecoder} does not turn into samples (scopes,
 * exemplars, metric metadata, entity references, data of a metric's overwritten oneof case, points of a refused
 * metric), walked without building anything but refused and counted exactly as the reference path refuses and
 * counts them: every string field checked to be UTF-8 (proto3), packed arrays checked to be whole, messages
 * and groups nested over {@link WireReader#MAX_DEPTH} refused; every field charged to
 * {@link ShapeLimits.Budget#values} as {@code ProtoValues} charges it (a packed array by its elements), data
 * points and summary quantiles to {@code samples} and bucket arrays to {@code histogram} as {@link OtlpShape}
 * counts them (by field number, whatever the wire type). The message types are those of the OTLP protos;
 * their field numbers are below. Not thread-safe: belongs to one decoder.
 */
final class OtlpSkim {
  // message types
  static final int REQUEST = 0;
  static final int RESOURCE_METRICS = 1;
  static final int RESOURCE = 2;
  static final int ENTITY_REF = 3;
  static final int SCOPE_METRICS = 4;
  static final int SCOPE = 5;
  static final int KEY_VALUE = 6;
  static final int ANY_VALUE = 7;
  static final int ARRAY_VALUE = 8;
  static final int KEY_VALUE_LIST = 9;
  static final int METRIC = 10;
  static final int GAUGE = 11;
  static final int SUM = 12;
  static final int HISTOGRAM = 13;
  static final int EXPONENTIAL_HISTOGRAM = 14;
  static final int SUMMARY = 15;
  static final int NUMBER_POINT = 16;
  static final int HISTOGRAM_POINT = 17;
  static final int EXPONENTIAL_POINT = 18;
  static final int EXPONENTIAL_BUCKETS = 19;
  static final int SUMMARY_POINT = 20;
  static final int QUANTILE = 21;
  static final int EXEMPLAR = 22;

  // field kinds: a message type, or one of these
  private static final int OTHER = -1;
  private static final int STRING = -2;
  private static final int PACKED_FIXED64 = -3;
  private static final int PACKED_VARINT = -4;

  private final WireReader in;
  private ShapeLimits.Budget budget;

  OtlpSkim(WireReader in) {
    this.in = in;
  }

  void budget(ShapeLimits.Budget budget) {
    this.budget = budget;
  }

  /** The kind of field {@code field} of message type {@code type} (as the OTLP descriptors have it). */
  static int kind(int type, int field) {
    return switch (type) {
      case REQUEST -> field == 1 ? RESOURCE_METRICS : OTHER;
      case RESOURCE_METRICS -> field == 1 ? RESOURCE : field == 2 ? SCOPE_METRICS : field == 3 ? STRING : OTHER;
      case RESOURCE -> field == 1 ? KEY_VALUE : field == 3 ? ENTITY_REF : OTHER;
      case ENTITY_REF -> field >= 1 && field <= 4 ? STRING : OTHER;
      case SCOPE_METRICS -> field == 1 ? SCOPE : field == 2 ? METRIC : field == 3 ? STRING : OTHER;
      case SCOPE -> field == 1 || field == 2 ? STRING : field == 3 ? KEY_VALUE : OTHER;
      case KEY_VALUE -> field == 1 ? STRING : field == 2 ? ANY_VALUE : OTHER;
      case ANY_VALUE -> field == 1 ? STRING : field == 5 ? ARRAY_VALUE : field == 6 ? KEY_VALUE_LIST : OTHER;
      case ARRAY_VALUE -> field == 1 ? ANY_VALUE : OTHER;
      case KEY_VALUE_LIST -> field == 1 ? KEY_VALUE : OTHER;
      case METRIC -> switch (field) {
        case 1, 2, 3 -> STRING;
        case 5 -> GAUGE;
        case 7 -> SUM;
        case 9 -> HISTOGRAM;
        case 10 -> EXPONENTIAL_HISTOGRAM;
        case 11 -> SUMMARY;
        case 12 -> KEY_VALUE;
        default -> OTHER;
      };
      case GAUGE, SUM -> field == 1 ? NUMBER_POINT : OTHER;
      case HISTOGRAM -> field == 1 ? HISTOGRAM_POINT : OTHER;
      case EXPONENTIAL_HISTOGRAM -> field == 1 ? EXPONENTIAL_POINT : OTHER;
      case SUMMARY -> field == 1 ? SUMMARY_POINT : OTHER;
      case NUMBER_POINT -> field == 7 ? KEY_VALUE : field == 5 ? EXEMPLAR : OTHER;
      case HISTOGRAM_POINT -> field == 9 ? KEY_VALUE : field == 6 || field == 7 ? PACKED_FIXED64
          : field == 8 ? EXEMPLAR : OTHER;
      case EXPONENTIAL_POINT -> field == 1 ? KEY_VALUE : field == 8 || field == 9 ? EXPONENTIAL_BUCKETS
          : field == 11 ? EXEMPLAR : OTHER;
      case EXPONENTIAL_BUCKETS -> field == 2 ? PACKED_VARINT : OTHER;
      case SUMMARY_POINT -> field == 7 ? KEY_VALUE : field == 6 ? QUANTILE : OTHER;
      case EXEMPLAR -> field == 7 ? KEY_VALUE : OTHER;
      default -> OTHER;
    };
  }

  /** The metric data type of a {@code Metric} field number, or -1. */
  static int dataType(int metricField) {
    int k = kind(METRIC, metricField);
    return k >= GAUGE && k <= SUMMARY ? k : -1;
  }

  /**
   * Walks the rest of the current message (the reader's limit is its end), of type {@code type}, nested
   * {@code depth} deep. Returns the bucket count {@link OtlpShape} takes from it (exponential buckets; else 0).
   */
  long message(int type, int depth) throws WireException, RequestTooLargeException {
    if (depth > WireReader.MAX_DEPTH) {
      throw new WireException("messages are nested more than " + WireReader.MAX_DEPTH + " deep");
    }
    long buckets = 0;
    while (in.more()) {
      buckets += field(type, in.readTag(), depth);
    }
    return buckets;
  }

  /**
   * Walks one field of a message of type {@code type} nested {@code depth} deep, whose tag was just read.
   * Returns its contribution to the bucket count of exponential buckets (see {@link #message}).
   */
  long field(int type, int tag, int depth) throws WireException, RequestTooLargeException {
    int field = WireReader.fieldNumber(tag);
    boolean len = WireReader.wireType(tag) == WireReader.LEN;
    int kind = kind(type, field);
    if (field == 1 && type >= GAUGE && type <= SUMMARY || field == 6 && type == SUMMARY_POINT) {
      budget.samples(1); // a data point or a quantile, whatever its wire type
    }
    if (!len) {
      if (type == HISTOGRAM_POINT && kind == PACKED_FIXED64) {
        budget.histogram(1);
      }
      budget.values(1);
      in.skipField(tag, depth);
      return type == EXPONENTIAL_BUCKETS && kind == PACKED_VARINT ? 1 : 0;
    }
    if (kind >= 0) {
      budget.values(1);
      int outer = in.enter();
      long n = message(kind, depth + 1);
      in.leave(outer);
      if (kind == EXPONENTIAL_BUCKETS) {
        budget.histogram(n);
      }
      return 0;
    }
    switch (kind) {
      case STRING -> {
        budget.values(1);
        in.skipString();
        return 0;
      }
      case PACKED_FIXED64 -> {
        int outer = in.enter();
        int n = in.limit() - in.pos();
        if (n % 8 != 0) {
          throw new WireException("a packed array of 8-byte numbers is " + n + " bytes long");
        }
        if (type == HISTOGRAM_POINT) {
          budget.histogram(n / 8);
        }
        budget.values(n / 8);
        in.leave(outer);
        return 0;
      }
      case PACKED_VARINT -> {
        int outer = in.enter();
        long n = 0;
        while (in.more()) {
          in.readVarint();
          n++;
        }
        budget.values(n);
        in.leave(outer);
        return n;
      }
      default -> {
        budget.values(1);
        in.skipField(tag, depth);
        return 0;
      }
    }
  }

  /** Checks that {@code len} bytes at {@code off} of the reader's buffer are UTF-8 (proto3 string fields). */
  void checkUtf8(int off, int len) throws WireException {
    Utf8.check(in.buffer(), off, len);
  }
}
