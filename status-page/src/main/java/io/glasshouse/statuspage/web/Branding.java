package io.glasshouse.statuspage.web;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The public page's branding, from the {@code status-page:} configuration section: what the page, the
 * Statuspage-compatible API ({@code page.name}, {@code page.url}, {@code page.time_zone}) and the badges show.
 *
 * <pre>
 * status-page:
 *   name: Acme status            # default "Glasshouse status"
 *   url: https://status.acme.io  # the page's public address; default http://localhost:8080
 *   logo-url: /assets/logo.svg   # optional
 *   time-zone: Europe/Berlin     # an IANA zone id; default Etc/UTC
 *   links:                       # optional, shown in the page's navigation
 *     - {label: Support, href: https://acme.io/support}
 * </pre>
 *
 * @param name the page name
 * @param url the page's public URL, without a trailing slash
 * @param logoUrl a logo URL, or null
 * @param timeZone the zone times are shown (and the JSON API's times are offset) in
 * @param links navigation links
 */
public record Branding(String name, String url, String logoUrl, ZoneId timeZone, List<Frame.Link> links) {
  /** The keys the section may hold. */
  public static final Set<String> KEYS = Set.of("name", "url", "logo-url", "time-zone", "links");

  public Branding {
    name = name == null || name.isBlank() ? "Glasshouse status" : name;
    url = url == null || url.isBlank() ? "http://localhost:8080" : url.replaceAll("/+$", "");
    timeZone = timeZone == null ? ZoneId.of("Etc/UTC") : timeZone;
    links = links == null ? List.of() : List.copyOf(links);
  }

  /** The defaults: "Glasshouse status" at http://localhost:8080, UTC, no logo, no links. */
  public static Branding defaults() {
    return new Branding(null, null, null, null, List.of());
  }

  /**
   * Reads the {@code status-page} section (null or empty for the defaults); an unknown key or a bad value throws
   * IllegalArgumentException naming the key and what it accepts.
   */
  public static Branding fromJson(JsonObject section) {
    if (section == null) {
      return defaults();
    }
    for (String k : section.fieldNames()) {
      if (!KEYS.contains(k)) {
        throw new IllegalArgumentException("status-page." + k + " is not a known key; use one of "
            + new java.util.TreeSet<>(KEYS));
      }
    }
    ZoneId zone = null;
    String tz = text(section, "time-zone");
    if (tz != null) {
      try {
        zone = ZoneId.of(tz);
      } catch (DateTimeException e) {
        throw new IllegalArgumentException("status-page.time-zone: '" + tz + "' is not a time zone; use an IANA id"
            + " such as Etc/UTC or Europe/Berlin");
      }
    }
    String url = text(section, "url");
    if (url != null && !url.matches("https?://\\S+")) {
      throw new IllegalArgumentException("status-page.url: '" + url + "' must be an absolute http(s) URL");
    }
    List<Frame.Link> links = new ArrayList<>();
    Object raw = section.getValue("links");
    if (raw != null) {
      if (!(raw instanceof JsonArray arr)) {
        throw new IllegalArgumentException("status-page.links must be a list of {label, href}");
      }
      for (Object o : arr) {
        if (!(o instanceof JsonObject l) || !(l.getValue("label") instanceof String label)
            || !(l.getValue("href") instanceof String href)) {
          throw new IllegalArgumentException("status-page.links: each link needs a string 'label' and 'href'");
        }
        links.add(new Frame.Link(href, label));
      }
    }
    return new Branding(text(section, "name"), url, text(section, "logo-url"), zone, links);
  }

  private static String text(JsonObject section, String key) {
    Object v = section.getValue(key);
    if (v == null) {
      return null;
    }
    if (!(v instanceof String s)) {
      throw new IllegalArgumentException("status-page." + key + " must be a string");
    }
    return s;
  }
}
