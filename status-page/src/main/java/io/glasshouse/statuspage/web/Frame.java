package io.glasshouse.statuspage.web;

import java.util.List;

/**
 * What the shared page layout ({@code layout.jte}) needs around a page's own content: the title, the branding and
 * the navigation. The public status page and the staff pages both render inside it, so they share one look.
 *
 * @param title the document title (the page's own part; the site name is appended)
 * @param siteName the page name from branding config, e.g. "Acme status"
 * @param logoUrl an absolute or site-relative logo URL, or null for none
 * @param nav the navigation links in order; the one whose href equals {@code current} is marked current
 * @param current the href of the page being shown, or null
 * @param scripts site-relative script URLs to load (deferred); pages must read fully without them
 */
public record Frame(String title, String siteName, String logoUrl, List<Link> nav, String current,
    List<String> scripts) {

  /** One navigation link. */
  public record Link(String href, String label) {
  }

  public Frame {
    nav = nav == null ? List.of() : List.copyOf(nav);
    scripts = scripts == null ? List.of() : List.copyOf(scripts);
  }

  /** A frame with no navigation and no scripts. */
  public static Frame of(String title, String siteName) {
    return new Frame(title, siteName, null, List.of(), null, List.of());
  }

  /** True when {@code href} is the page being shown (for {@code aria-current}). */
  public boolean isCurrent(String href) {
    return href.equals(current);
  }
}
