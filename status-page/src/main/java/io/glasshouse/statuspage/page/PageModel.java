package io.glasshouse.statuspage.page;

import gg.jte.Content;
import java.util.List;

/**
 * What the public page templates render: already filtered to public components and worded for people. Nothing in
 * here names a private component, a service, an SLO, an instance or an override reason.
 */
public final class PageModel {
  private PageModel() {
  }

  /** The top banner. {@code indicator} is Statuspage's {@code none|minor|major|critical}. */
  public record Banner(String indicator, String description, String updatedAt, String updatedIso) {
  }

  /**
   * One day's bar. {@code cls} is the status class ({@code operational}, … or {@code nodata}); {@code recent} marks
   * the last 30 days, the ones a phone-sized screen shows.
   */
  public record Day(String id, String date, String isoDate, String cls, String statusText, String uptime,
      List<String> incidents, boolean recent) {
    /** The whole text of the day, for its accessible name. */
    public String label() {
      String s = date + ": " + statusText + ", " + uptime;
      return incidents.isEmpty() ? s + ", no incidents" : s + ", incidents: " + String.join("; ", incidents);
    }
  }

  /** One component with its current status and 90 days. */
  public record Component(String id, String name, String description, String status, String statusText,
      String uptime90, List<Day> days) {
  }

  /** Components under one group name (empty for ungrouped). */
  public record Group(String name, List<Component> components) {
  }

  /** One timeline entry; {@code body} is Markdown rendered safely. */
  public record Update(String status, String statusText, String when, String iso, Content body,
      List<String> affected) {
  }

  /** An incident or maintenance as customers see it. */
  public record Incident(String id, String name, String status, String statusText, String impact, String impactText,
      boolean maintenance, String started, String resolved, String scheduledFor, String scheduledUntil,
      List<String> components, List<Update> updates) {
    /** The incident's own page. */
    public String href() {
      return "/status/incidents/" + java.net.URLEncoder.encode(id, java.nio.charset.StandardCharsets.UTF_8);
    }
  }

  /** Incidents of one month on the history page. */
  public record Month(String title, List<Incident> incidents) {
  }

  /** The whole {@code /status} page. */
  public record Status(Banner banner, List<Group> groups, List<Incident> active, List<Incident> maintenanceActive,
      List<Incident> maintenanceUpcoming) {
  }
}
