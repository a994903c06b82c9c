package io.glasshouse.statuspage.subscription;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** SSRF guard: webhook URLs must be http(s), without credentials, on public addresses. */
class UrlPolicyTest {
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "http://127.0.0.1/hook | loopback",
      "http://localhost:8080/hook | loopback",
      "http://[::1]/hook | loopback",
      "http://10.1.2.3/hook | private",
      "http://172.16.0.1/hook | private",
      "http://192.168.1.10/hook | private",
      "http://169.254.169.254/latest/meta-data | link-local",
      "http://[fe80::1]/hook | link-local",
      "http://[fd00::1]/hook | unique local",
      "http://100.64.0.1/hook | carrier-grade NAT",
      "http://0.0.0.0/hook | unspecified",
      "http://[::ffff:127.0.0.1]/hook | loopback",
      "http://224.0.0.1/hook | multicast"})
  void nonPublicAddressesAreRefusedNamingTheAddressAndTheSetting(String url, String kind) {
    assertThat(UrlPolicy.check(url, false)).hasValueSatisfying(d -> assertThat(d).contains(kind)
        .contains("subscriptions.allow-private-urls"));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "file:///etc/passwd | https://",
      "ftp://93.184.216.34/x | https://",
      "gopher://93.184.216.34/ | https://",
      "https://user:pass@93.184.216.34/hook | user name or password",
      "https:///hook | no host",
      "'' | url is required"})
  void otherSchemesCredentialsAndMissingHostsAreRefused(String url, String detail) {
    assertThat(UrlPolicy.check(url, false)).hasValueSatisfying(d -> assertThat(d).contains(detail));
  }

  @Test
  void publicAddressesAreAccepted() {
    assertThat(UrlPolicy.check("https://93.184.216.34/hooks/status?x=1", false)).isEmpty();
    assertThat(UrlPolicy.check("http://[2606:2800:220:1:248:1893:25c8:1946]:8443/h", false)).isEmpty();
  }

  @Test
  void privateAddressesAreAcceptedOnlyWhenAllowed() {
    assertThat(UrlPolicy.check("http://127.0.0.1:9000/hook", true)).isEmpty();
    assertThat(UrlPolicy.check("https://user:pw@127.0.0.1/hook", true)).isPresent();
  }
}
