package io.glasshouse.collector.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class StringInternerTest {
  @Test
  void theSameBytesGiveTheSameStringInstance() throws WireException {
    StringInterner strings = new StringInterner();
    byte[] a = "xx http_requests_total".getBytes(StandardCharsets.UTF_8);
    byte[] b = "http_requests_total yy".getBytes(StandardCharsets.UTF_8);

    String first = strings.intern(a, 3, 19);
    String second = strings.intern(b, 0, 19);

    assertThat(first).isEqualTo("http_requests_total").isSameAs(second);
    assertThat(strings.intern("ünï".getBytes(StandardCharsets.UTF_8), 0, 5)).isEqualTo("ünï");
  }

  @Test
  void aThousandNamesDifferingInTwoDigitsAllStayInterned() throws WireException {
    StringInterner strings = new StringInterner();
    String[] first = new String[1000];
    for (int i = 0; i < first.length; i++) {
      byte[] b = ("http_server_requests_" + i + "_total").getBytes(StandardCharsets.UTF_8);
      first[i] = strings.intern(b, 0, b.length);
    }
    for (int i = 0; i < first.length; i++) {
      byte[] b = ("http_server_requests_" + i + "_total").getBytes(StandardCharsets.UTF_8);
      assertThat(strings.intern(b, 0, b.length)).isSameAs(first[i]);
    }
  }

  @Test
  void aLabelExplosionCannotGrowTheTableBeyondItsBound() throws WireException {
    StringInterner strings = new StringInterner();
    for (int i = 0; i < 200_000; i++) {
      byte[] b = ("value-" + i).getBytes(StandardCharsets.UTF_8);
      assertThat(strings.intern(b, 0, b.length)).isEqualTo("value-" + i);
    }
    assertThat(strings.size()).isLessThanOrEqualTo(StringInterner.SLOTS);
  }

  @Test
  void longStringsAreDecodedButNotKeptAndInvalidUtf8IsRefused() throws WireException {
    StringInterner strings = new StringInterner();
    byte[] longValue = "v".repeat(StringInterner.MAX_LENGTH + 1).getBytes(StandardCharsets.UTF_8);

    assertThat(strings.intern(longValue, 0, longValue.length)).hasSize(StringInterner.MAX_LENGTH + 1);
    assertThat(strings.size()).isZero();
    assertThatThrownBy(() -> strings.intern(new byte[] {'a', (byte) 0xc3}, 0, 2)).isInstanceOf(WireException.class);
    assertThat(strings.size()).isZero();
  }
}
