package io.glasshouse.statuspage.feed;

import static org.assertj.core.api.Assertions.assertThat;

import com.rometools.rome.feed.atom.Entry;
import com.rometools.rome.feed.atom.Feed;
import com.rometools.rome.feed.atom.Link;
import com.rometools.rome.feed.rss.Channel;
import com.rometools.rome.feed.rss.Item;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.SyndFeedInput;
import com.rometools.rome.io.WireFeedInput;
import com.rometools.rome.io.XmlReader;
import io.glasshouse.rollup.time.ManualClock;
import io.glasshouse.statuspage.incident.Incident;
import io.glasshouse.statuspage.incident.IncidentStatus;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The feeds, read back with ROME (a real feed parser), over a real HTTP server. */
@ExtendWith(VertxExtension.class)
class FeedRoutesTest {
  static final Instant T0 = Instant.parse("2026-05-01T12:00:00Z");
  static final String BASE = "https://status.example.com";

  private final InMemoryIncidentLog log = new InMemoryIncidentLog();
  private WebClient client;
  private int port;

  @BeforeEach
  void start(Vertx vertx) {
    Router router = Router.router(vertx);
    FeedRoutes.mount(router, log, BASE + "/", "Acme", new ManualClock(T0));
    HttpServer server = await(vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1"));
    port = server.actualPort();
    client = WebClient.create(vertx);
    Incident outage = Incidents.incident("inc1", "Checkout errors", T0, "We are looking into <script>alert(1)</script>"
        + " & \"quotes\"", "checkout");
    log.publish(Incidents.update(outage, IncidentStatus.RESOLVED, "Fixed.\n\n**All good.**", Duration.ofMinutes(30)));
    log.publish(Incidents.maintenance("mnt1", "Database upgrade", T0.plus(Duration.ofHours(1)),
        T0.plus(Duration.ofDays(1)), "checkout"));
  }

  @Test
  void atomFeedParsesWithEveryIncidentAndMaintenanceNewestFirst() throws Exception {
    HttpResponse<Buffer> r = get(FeedRoutes.ATOM, null, null);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.getHeader("Content-Type")).startsWith("application/atom+xml");
    SyndFeed feed = parse(r.body());
    assertThat(feed.getFeedType()).isEqualTo("atom_1.0");
    assertThat(feed.getTitle()).isEqualTo("Acme status history");
    assertThat(feed.getEntries()).extracting(SyndEntry::getTitle).containsExactly("Database upgrade",
        "Checkout errors");
    SyndEntry outage = feed.getEntries().get(1);
    assertThat(outage.getUri()).isEqualTo(BASE + "/status/incidents/inc1");
    assertThat(outage.getLink()).isEqualTo(BASE + "/status/incidents/inc1");
    assertThat(outage.getUpdatedDate()).isEqualTo(Date.from(T0.plus(Duration.ofMinutes(30))));
    assertThat(outage.getContents()).hasSize(1);
    assertThat(outage.getContents().get(0).getType()).isEqualTo("html");
    String html = outage.getContents().get(0).getValue();
    assertThat(html).contains("Resolved", "<p>Fixed.</p>", "<strong>All good.</strong>", "Investigating")
        .contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot;").doesNotContain("<script");
    assertThat(html.indexOf("Resolved")).isLessThan(html.indexOf("Investigating"));

    Feed atom = (Feed) new WireFeedInput().build(new XmlReader(new ByteArrayInputStream(r.body().getBytes())));
    assertThat(atom.getId()).isEqualTo(BASE + "/status/history");
    assertThat(atom.getUpdated()).isEqualTo(Date.from(T0.plus(Duration.ofHours(1))));
    assertThat(atom.getAuthors()).extracting(a -> a.getName()).containsExactly("Acme");
    assertThat(atom.getOtherLinks()).extracting(Link::getRel, Link::getHref)
        .contains(org.assertj.core.groups.Tuple.tuple("self", BASE + "/history.atom"));
    assertThat(atom.getAlternateLinks()).extracting(Link::getHref).containsExactly(BASE + "/status/history");
    for (Entry e : atom.getEntries()) {
      assertThat(e.getId()).startsWith(BASE + "/status/incidents/");
      assertThat(e.getUpdated()).isNotNull();
    }
  }

  @Test
  void rssFeedParsesWithGuidsAndRfc822Dates() throws Exception {
    HttpResponse<Buffer> r = get(FeedRoutes.RSS, null, null);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.getHeader("Content-Type")).startsWith("application/rss+xml");
    assertThat(r.bodyAsString()).contains("<pubDate>Fri, 1 May 2026 12:00:00 GMT</pubDate>");
    SyndFeed feed = parse(r.body());
    assertThat(feed.getFeedType()).isEqualTo("rss_2.0");
    assertThat(feed.getLink()).isEqualTo(BASE + "/status/history");
    assertThat(feed.getDescription()).isNotBlank();
    assertThat(feed.getEntries()).extracting(SyndEntry::getTitle).containsExactly("Database upgrade",
        "Checkout errors");
    assertThat(feed.getEntries().get(1).getPublishedDate()).isEqualTo(Date.from(T0));
    assertThat(feed.getEntries().get(1).getDescription().getValue()).contains("&lt;script&gt;")
        .doesNotContain("<script");
    assertThat(feed.getEntries().get(0).getDescription().getValue()).contains("Scheduled maintenance");

    Channel channel = (Channel) new WireFeedInput().build(new XmlReader(new ByteArrayInputStream(r.body().getBytes())));
    List<Item> items = channel.getItems();
    assertThat(items).extracting(i -> i.getGuid().getValue()).containsExactly(BASE + "/status/incidents/mnt1",
        BASE + "/status/incidents/inc1");
    assertThat(items).allSatisfy(i -> assertThat(i.getGuid().isPermaLink()).isTrue());
  }

  @Test
  void revalidationWithEtagOrLastModifiedAnswers304UntilAnIncidentChanges() {
    HttpResponse<Buffer> first = get(FeedRoutes.ATOM, null, null);
    String etag = first.getHeader("ETag");
    String lastModified = first.getHeader("Last-Modified");
    assertThat(etag).startsWith("\"");
    assertThat(lastModified).isEqualTo("Fri, 1 May 2026 13:00:00 GMT");
    assertThat(get(FeedRoutes.ATOM, etag, null).statusCode()).isEqualTo(304);
    assertThat(get(FeedRoutes.ATOM, null, lastModified).statusCode()).isEqualTo(304);
    assertThat(get(FeedRoutes.RSS, etag, null).statusCode()).as("the RSS bytes differ").isEqualTo(200);

    Incident later = Incidents.incident("inc2", "Search slow", T0.plus(Duration.ofHours(2)), "Looking.", "search");
    log.publish(later);
    HttpResponse<Buffer> changed = get(FeedRoutes.ATOM, etag, null);
    assertThat(changed.statusCode()).isEqualTo(200);
    assertThat(changed.getHeader("ETag")).isNotEqualTo(etag);
    assertThat(get(FeedRoutes.ATOM, null, lastModified).statusCode()).isEqualTo(200);
  }

  @Test
  void emptyLogGivesValidEmptyFeeds(Vertx vertx) throws Exception {
    Router router = Router.router(vertx);
    FeedRoutes.mount(router, new InMemoryIncidentLog(), BASE, "Acme", new ManualClock(T0));
    int emptyPort = await(vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1")).actualPort();
    for (String path : List.of(FeedRoutes.ATOM, FeedRoutes.RSS)) {
      HttpResponse<Buffer> r = await(client.get(emptyPort, "127.0.0.1", path).send());
      assertThat(parse(r.body()).getEntries()).isEmpty();
    }
  }

  private HttpResponse<Buffer> get(String path, String ifNoneMatch, String ifModifiedSince) {
    var req = client.get(port, "127.0.0.1", path);
    if (ifNoneMatch != null) {
      req.putHeader("If-None-Match", ifNoneMatch);
    }
    if (ifModifiedSince != null) {
      req.putHeader("If-Modified-Since", ifModifiedSince);
    }
    return await(req.send());
  }

  private static SyndFeed parse(Buffer body) throws Exception {
    return new SyndFeedInput().build(new XmlReader(new ByteArrayInputStream(body.getBytes())));
  }

  static <T> T await(Future<T> f) {
    try {
      return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
