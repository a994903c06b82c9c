package io.glasshouse.statuspage.web;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * How the public status page presents itself, from the {@code status-page:} configuration section: its name, its
 * public URL, a logo, links shown in the header, and the time zone times are displayed in (stored and served times
 * stay UTC).
 *
 * @param name the page name, e.g. "Acme status"
 * @param url the page's public URL (absolute), or null when not configured
 * @param logoUrl an http(s) or site-relative logo URL, or null for none
 * @param timeZone the zone times are shown in
 * @param links extra header links, in order
 */
public record Branding(String name, String url, String logoUrl, ZoneId timeZone, List<Frame.Link> links) {
  /** The keys {@link #fromJson} reads. */
  public static final Set<String> KEYS = Set.of("name", "url", "logo-url", "time-zone", "links");

  public Branding {
    name = name == null || name.isBlank() ? "Status" : name;
    timeZone = timeZone == null ? ZoneId.of("UTC") : timeZone;
    links = links == null ? List.of() : List.copyOf(links);
  }

  /**
   * The page's public URL without a trailing slash, for links that must be absolute (the Statuspage API's
   * {@code page.url} and incident {@code shortlink}, feeds): {@code url}, or {@code http://localhost:8080} when it is
   * not configured (set {@code status-page.url} wherever the page is public).
   */
  public String baseUrl() {
    return url == null ? "http://localhost:8080" : url.replaceAll("/+$", "");
  }

  /** Name "Status", no URL or logo, UTC, no links. */
  public static Branding defaults() {
    return new Branding(null, null, null, null, List.of());
  }

  /**
   * Reads the {@code status-page:} section's branding keys (other keys of the section are left to the caller).
   * Throws IllegalArgumentException naming the bad key, e.g. {@code status-page.time-zone}.
   */
  public static Branding fromJson(JsonObject section) {
    JsonObject s = section == null ? new JsonObject() : section;
    String zone = s.getValue("time-zone") == null ? "UTC" : s.getValue("time-zone").toString();
    ZoneId tz;
    try {
      tz = ZoneId.of(zone);
    } catch (DateTimeException e) {
      throw new IllegalArgumentException("status-page.time-zone: '" + zone + "' is not a time zone; use a region "
          + "id such as Europe/Berlin or America/New_York, or UTC");
    }
    String url = string(s, "url");
    if (url != null && !isHttp(url)) {
      throw new IllegalArgumentException("status-page.url must be an absolute http(s) URL, got: " + url);
    }
    String logo = string(s, "logo-url");
    if (logo != null && !isHttp(logo) && !logo.startsWith("/")) {
      throw new IllegalArgumentException("status-page.logo-url must be an http(s) URL or start with /, got: " + logo);
    }
    List<Frame.Link> links = new ArrayList<>();
    Object raw = s.getValue("links");
    if (raw != null && !(raw instanceof JsonArray)) {
      throw new IllegalArgumentException("status-page.links must be a list of {label, url}");
    }
    if (raw instanceof JsonArray list) {
      for (int i = 0; i < list.size(); i++) {
        if (!(list.getValue(i) instanceof JsonObject l) || string(l, "label") == null || string(l, "url") == null) {
          throw new IllegalArgumentException("status-page.links[" + i + "] needs a label and a url");
        }
        String href = string(l, "url");
        if (!isHttp(href) && !href.startsWith("/")) {
          throw new IllegalArgumentException("status-page.links[" + i + "].url must be an http(s) URL or start "
              + "with /, got: " + href);
        }
        links.add(new Frame.Link(href, string(l, "label")));
      }
    }
    return new Branding(string(s, "name"), url, logo, tz, links);
  }

  private static String string(JsonObject o, String key) {
    Object v = o.getValue(key);
    return v == null || v.toString().isBlank() ? null : v.toString().trim();
  }

  private static boolean isHttp(String s) {
    try {
      URI u = URI.create(s);
      String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
      return (scheme.equals("http") || scheme.equals("https")) && u.getHost() != null;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
