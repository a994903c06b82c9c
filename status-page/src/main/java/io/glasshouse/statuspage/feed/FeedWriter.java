package io.glasshouse.statuspage.feed;

import io.glasshouse.statuspage.incident.Incident;
import io.glasshouse.statuspage.incident.IncidentUpdate;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Writes incidents and maintenance as Atom 1.0 (RFC 4287) and RSS 2.0 documents with StAX, which escapes every
 * text and attribute. One entry per incident, newest first; its content is the update timeline, newest first.
 * Invalid XML characters in staff text are dropped.
 */
final class FeedWriter {
  static final String ATOM_NS = "http://www.w3.org/2005/Atom";
  /** RFC 822 dates as RSS wants them, e.g. {@code Sun, 29 Nov 2026 23:48:41 GMT}. */
  static final DateTimeFormatter RFC_822 = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC)
      .withLocale(Locale.ROOT);
  private static final XMLOutputFactory XML = XMLOutputFactory.newFactory();

  private final String base;
  private final String title;

  /**
   * @param base the page's public base URL, without a trailing slash
   * @param title the page's name
   */
  FeedWriter(String base, String title) {
    this.base = base;
    this.title = title;
  }

  String incidentUrl(Incident i) {
    return base + "/status/incidents/" + i.id();
  }

  byte[] atom(List<Incident> incidents, Instant updated) {
    return write(w -> {
      w.writeStartElement("feed");
      w.writeDefaultNamespace(ATOM_NS);
      text(w, "id", base + "/status/history");
      text(w, "title", title + " status history");
      text(w, "updated", updated.toString());
      w.writeStartElement("author");
      text(w, "name", title);
      text(w, "uri", base + "/status");
      w.writeEndElement();
      link(w, "self", base + "/history.atom", "application/atom+xml");
      link(w, "alternate", base + "/status/history", "text/html");
      for (Incident i : incidents) {
        w.writeStartElement("entry");
        text(w, "id", incidentUrl(i));
        text(w, "title", i.name());
        text(w, "published", i.createdAt().toString());
        text(w, "updated", i.updatedAt().toString());
        link(w, "alternate", incidentUrl(i), "text/html");
        w.writeStartElement("content");
        w.writeAttribute("type", "html");
        w.writeCharacters(clean(content(i)));
        w.writeEndElement();
        w.writeEndElement();
      }
      w.writeEndElement();
    });
  }

  byte[] rss(List<Incident> incidents, Instant updated) {
    return write(w -> {
      w.writeStartElement("rss");
      w.writeAttribute("version", "2.0");
      w.writeNamespace("atom", ATOM_NS);
      w.writeStartElement("channel");
      text(w, "title", title + " status history");
      text(w, "link", base + "/status/history");
      text(w, "description", "Incidents and maintenance of " + title);
      text(w, "lastBuildDate", RFC_822.format(updated));
      w.writeStartElement("atom", "link", ATOM_NS);
      w.writeAttribute("href", base + "/history.rss");
      w.writeAttribute("rel", "self");
      w.writeAttribute("type", "application/rss+xml");
      w.writeEndElement();
      for (Incident i : incidents) {
        w.writeStartElement("item");
        text(w, "title", i.name());
        text(w, "link", incidentUrl(i));
        w.writeStartElement("guid");
        w.writeAttribute("isPermaLink", "true");
        w.writeCharacters(clean(incidentUrl(i)));
        w.writeEndElement();
        text(w, "pubDate", RFC_822.format(i.createdAt()));
        text(w, "description", content(i));
        w.writeEndElement();
      }
      w.writeEndElement();
      w.writeEndElement();
    });
  }

  /** The entry's HTML: kind and impact, the maintenance window, then each update, newest first. */
  static String content(Incident i) {
    StringBuilder b = new StringBuilder();
    if (i.isMaintenance()) {
      b.append("<p><strong>Scheduled maintenance</strong> from ").append(i.scheduledFor());
      if (i.scheduledUntil() != null) {
        b.append(" until ").append(i.scheduledUntil());
      }
      b.append("</p>");
    } else {
      b.append("<p><strong>Impact:</strong> ").append(i.impact().wire()).append("</p>");
    }
    for (IncidentUpdate u : i.updates()) {
      Instant at = u.displayAt() == null ? u.createdAt() : u.displayAt();
      b.append("<p><small>").append(at).append("</small><br><strong>")
          .append(FeedBodies.escape(label(u.status().wire()))).append("</strong></p>")
          .append(FeedBodies.toHtml(u.body()));
    }
    return b.toString();
  }

  private static String label(String wire) {
    String s = wire.replace('_', ' ');
    return Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }

  private interface Body {
    void write(XMLStreamWriter w) throws XMLStreamException;
  }

  private static byte[] write(Body body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      XMLStreamWriter w = XML.createXMLStreamWriter(out, "UTF-8");
      w.writeStartDocument("UTF-8", "1.0");
      body.write(w);
      w.writeEndDocument();
      w.close();
    } catch (XMLStreamException e) {
      throw new IllegalStateException("feed could not be written: " + e.getMessage(), e);
    }
    return out.toByteArray();
  }

  private static void text(XMLStreamWriter w, String name, String value) throws XMLStreamException {
    w.writeStartElement(name);
    w.writeCharacters(clean(value));
    w.writeEndElement();
  }

  private static void link(XMLStreamWriter w, String rel, String href, String type) throws XMLStreamException {
    w.writeEmptyElement("link");
    w.writeAttribute("rel", rel);
    w.writeAttribute("type", type);
    w.writeAttribute("href", href);
  }

  /** Drops characters XML 1.0 cannot hold (control characters other than tab and line ends, lone surrogates). */
  static String clean(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
        b.append(c).append(s.charAt(++i));
      } else if (c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD)) {
        b.append(c);
      }
    }
    return b.toString();
  }
}
