package io.glasshouse.statuspage.subscription;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;

/**
 * Which webhook URLs Glasshouse will POST to. A subscription URL is chosen by whoever subscribes, and the server
 * then sends requests to it from inside the operator's network: without these checks anyone could make the server
 * reach its own admin endpoints, a cloud metadata service ({@code 169.254.169.254}) or other internal hosts
 * (server-side request forgery, SSRF). So: {@code http} or {@code https} only, no user name or password in the
 * URL, and every address the host resolves to must be public: not loopback, private (RFC 1918, IPv6 unique
 * local), link-local, carrier-grade NAT, multicast or unspecified, unless {@code subscriptions.allow-private-urls}
 * is true. Checked when subscribing and again before every attempt (a host may resolve differently later).
 * Resolves names: blocking, call it off the event loops.
 */
public final class UrlPolicy {
  static final int MAX_LENGTH = 2000;

  private UrlPolicy() {
  }

  /** What is wrong with {@code url}, or empty when Glasshouse may deliver to it. */
  public static Optional<String> check(String url, boolean allowPrivate) {
    if (url == null || url.isBlank()) {
      return Optional.of("url is required: the http(s) address to POST notifications to");
    }
    if (url.length() > MAX_LENGTH) {
      return Optional.of("url is longer than " + MAX_LENGTH + " characters");
    }
    URI u;
    try {
      u = new URI(url);
    } catch (URISyntaxException e) {
      return Optional.of("url '" + url + "' is not a valid URL: " + e.getReason());
    }
    String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      return Optional.of("url must start with https:// (or http://); '" + (scheme.isEmpty() ? url : scheme + ":")
          + "' is not accepted");
    }
    if (u.getRawUserInfo() != null) {
      return Optional.of("url must not carry a user name or password (user:password@host); put a secret in the path "
          + "or check the Glasshouse-Signature header instead");
    }
    String host = u.getHost();
    if (host == null || host.isEmpty()) {
      return Optional.of("url '" + url + "' has no host name");
    }
    if (allowPrivate) {
      return Optional.empty();
    }
    InetAddress[] addresses;
    try {
      addresses = InetAddress.getAllByName(host.startsWith("[") ? host.substring(1, host.length() - 1) : host);
    } catch (UnknownHostException e) {
      return Optional.of("url's host '" + host + "' does not resolve; use a host name with a public DNS record");
    }
    for (InetAddress a : addresses) {
      String why = nonPublic(a);
      if (why != null) {
        return Optional.of("url's host '" + host + "' resolves to " + a.getHostAddress() + ", a " + why
            + " address; webhooks go only to public addresses (a server may allow private ones with "
            + "subscriptions.allow-private-urls: true)");
      }
    }
    return Optional.empty();
  }

  /** Why {@code a} is not public, or null when it is. */
  static String nonPublic(InetAddress a) {
    if (a.isLoopbackAddress()) {
      return "loopback";
    }
    if (a.isAnyLocalAddress()) {
      return "unspecified";
    }
    if (a.isLinkLocalAddress()) {
      return "link-local";
    }
    if (a.isSiteLocalAddress()) {
      return "private";
    }
    if (a.isMulticastAddress()) {
      return "multicast";
    }
    byte[] b = a.getAddress();
    if (a instanceof Inet4Address) {
      int b0 = b[0] & 0xff;
      int b1 = b[1] & 0xff;
      if (b0 == 0 || b0 >= 240) {
        return "reserved";
      }
      if (b0 == 100 && b1 >= 64 && b1 < 128) {
        return "carrier-grade NAT";
      }
      if (b0 == 198 && (b1 == 18 || b1 == 19)) {
        return "benchmarking";
      }
    } else if (a instanceof Inet6Address) {
      if ((b[0] & 0xfe) == 0xfc) {
        return "private (unique local)";
      }
      if ((b[0] & 0xff) == 0xfe && (b[1] & 0xc0) == 0xc0) {
        return "private (site-local)";
      }
      boolean mapped = true;
      for (int i = 0; i < 10; i++) {
        mapped &= b[i] == 0;
      }
      if (mapped && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
        try {
          return nonPublic(InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]}));
        } catch (UnknownHostException e) {
          return "malformed";
        }
      }
    }
    return null;
  }
}
