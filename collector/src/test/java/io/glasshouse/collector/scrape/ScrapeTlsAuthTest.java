package io.glasshouse.collector.scrape;

import static io.glasshouse.collector.scrape.ScrapeManagerTest.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.glasshouse.collector.CollectorConfig;
import io.glasshouse.rollup.ingest.IngestResult;
import io.glasshouse.rollup.ingest.SampleSink;
import io.glasshouse.rollup.sample.Protocol;
import io.glasshouse.rollup.sample.Sample;
import io.glasshouse.rollup.time.ManualClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.core.net.PfxOptions;
import io.vertx.junit5.VertxExtension;
import java.io.FileInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #7: scrape targets behind TLS (a CA of their own, client certificates, {@code server_name}) and behind
 * basic auth, bearer tokens or another {@code authorization} type, configured as in Prometheus's
 * {@code scrape_config}; a real Vert.x HTTPS server requiring a client certificate, with self-signed certificates
 * made by the JDK's keytool. Bad settings stop start-up naming the field; secrets appear in no listing or message.
 */
@ExtendWith(VertxExtension.class)
class ScrapeTlsAuthTest {
  static final String PASSWORD = "pa55-w0rd-secret";
  static final String TOKEN = "bearer-t0ken-secret";
  static final String CUSTOM = "custom-cred3ntials-secret";
  static final String STORE_PASS = "changeit";

  @TempDir
  static Path dir;
  static Path serverP12;
  static Path caPem;
  static Path clientCert;
  static Path clientKey;

  final ManualClock clock = new ManualClock(Instant.parse("2026-11-29T12:00:00Z"));
  final List<Sample> received = new CopyOnWriteArrayList<>();
  final SampleSink sink = (Protocol p, List<Sample> samples, boolean atomic) -> {
    received.addAll(samples);
    return Future.succeededFuture(IngestResult.all(samples.size()));
  };
  Vertx vertx;
  HttpServer exporter;
  ScrapeManager manager;

  /** A self-signed server certificate for {@code scrape.test} only, and a client certificate, as PEM files. */
  @BeforeAll
  static void certificates() throws Exception {
    serverP12 = keyPair("server", "scrape.test", "dns:scrape.test");
    caPem = dir.resolve("ca.pem");
    writePem(serverP12, "server", caPem, null);
    Path clientP12 = keyPair("client", "glasshouse-scraper", "dns:glasshouse-scraper");
    clientCert = dir.resolve("client.pem");
    clientKey = dir.resolve("client.key");
    writePem(clientP12, "client", clientCert, clientKey);
    Files.writeString(dir.resolve("password.txt"), PASSWORD + "\n");
    Files.writeString(dir.resolve("token.txt"), TOKEN + "\n");
  }

  static Path keyPair(String alias, String cn, String san) throws Exception {
    Path p12 = dir.resolve(alias + ".p12");
    Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
        "-genkeypair", "-alias", alias, "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=" + cn,
        "-ext", "SAN=" + san, "-validity", "3650", "-keystore", p12.toString(), "-storetype", "PKCS12",
        "-storepass", STORE_PASS, "-keypass", STORE_PASS).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as(out).isZero();
    return p12;
  }

  static void writePem(Path p12, String alias, Path cert, Path key) throws Exception {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (FileInputStream in = new FileInputStream(p12.toFile())) {
      ks.load(in, STORE_PASS.toCharArray());
    }
    Files.writeString(cert, pem("CERTIFICATE", ks.getCertificate(alias).getEncoded()));
    if (key != null) {
      Files.writeString(key, pem("PRIVATE KEY", ks.getKey(alias, STORE_PASS.toCharArray()).getEncoded()));
    }
  }

  static String pem(String type, byte[] der) {
    return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
        .encodeToString(der) + "\n-----END " + type + "-----\n";
  }

  @AfterEach
  void stop() {
    if (manager != null && manager.deploymentID() != null) {
      await(vertx.undeploy(manager.deploymentID()));
    }
    if (exporter != null) {
      await(exporter.close());
    }
  }

  /** An HTTPS exporter that requires a client certificate and, per path, one kind of credentials. */
  int startExporter(Vertx vertx) {
    this.vertx = vertx;
    Map<String, String> expected = Map.of(
        "/basic", "Basic " + Base64.getEncoder().encodeToString(("scraper:" + PASSWORD).getBytes(StandardCharsets.UTF_8)),
        "/bearer", "Bearer " + TOKEN,
        "/custom", "Token " + CUSTOM);
    exporter = await(vertx.createHttpServer(new HttpServerOptions().setSsl(true)
            .setKeyCertOptions(new PfxOptions().setPath(serverP12.toString()).setPassword(STORE_PASS))
            .setClientAuth(ClientAuth.REQUIRED)
            .setTrustOptions(new PemTrustOptions().addCertPath(clientCert.toString())))
        .requestHandler(req -> {
          String want = expected.get(req.path());
          if (want == null || !want.equals(req.getHeader("Authorization"))) {
            req.response().setStatusCode(401).end();
          } else {
            req.response().end("jobs_total 5\n");
          }
        }).listen(0, "127.0.0.1"));
    return exporter.actualPort();
  }

  String job(String name, String path, String tls, String auth, int port) {
    return "  - job_name: " + name + "\n    scheme: https\n    metrics_path: " + path + "\n"
        + (tls.isEmpty() ? "" : "    tls_config: {" + tls + "}\n") + (auth.isEmpty() ? "" : "    " + auth + "\n")
        + "    static_configs: [{targets: ['127.0.0.1:" + port + "']}]\n";
  }

  String fullTls() {
    return "ca_file: '" + caPem + "', cert_file: '" + clientCert + "', key_file: '" + clientKey
        + "', server_name: scrape.test";
  }

  double up(String service) {
    return received.stream().filter(s -> s.metric().equals("up") && service.equals(s.service())).findFirst()
        .orElseThrow(() -> new AssertionError("no up for " + service + " in " + received)).value();
  }

  @Test
  void targetsBehindTlsWithClientCertificatesAndCredentialsAreScrapedAndTheWrongSettingsAreDown(Vertx vertx)
      throws Exception {
    int port = startExporter(vertx);
    // a generous timeout: each job's TLS context (keys read, parsed) is built on its first scrape, on a loaded machine
    ScrapeSettings settings = ScrapeSettingsTest.parse("global: {scrape_timeout: 55s}\nscrape_configs:\n"
        + job("basic", "/basic", fullTls(), "basic_auth: {username: scraper, password_file: '"
            + dir.resolve("password.txt") + "'}", port)
        + job("bearer", "/bearer", fullTls(), "bearer_token_file: '" + dir.resolve("token.txt") + "'", port)
        + job("custom", "/custom", fullTls(), "authorization: {type: Token, credentials: " + CUSTOM + "}", port)
        + job("no_credentials", "/basic", fullTls(), "", port)
        + job("wrong_password", "/basic", fullTls(), "basic_auth: {username: scraper, password: nope}", port)
        + job("no_client_cert", "/bearer", "ca_file: '" + caPem + "', server_name: scrape.test",
            "bearer_token: " + TOKEN, port)
        + job("no_server_name", "/bearer", "ca_file: '" + caPem + "', cert_file: '" + clientCert + "', key_file: '"
            + clientKey + "'", "bearer_token: " + TOKEN, port)
        + job("untrusted", "/bearer", "cert_file: '" + clientCert + "', key_file: '" + clientKey
            + "', server_name: scrape.test", "bearer_token: " + TOKEN, port)
        + job("skip_verify", "/bearer", "cert_file: '" + clientCert + "', key_file: '" + clientKey
            + "', insecure_skip_verify: true", "bearer_token: " + TOKEN, port));
    CollectorConfig collector = CollectorConfig.fromJson(new JsonObject().put("ingest-tokens", new JsonArray()
        .add("ingest-token")).put("past-window", "1000d"));
    manager = new ScrapeManager(settings, collector, sink, new SimpleMeterRegistry(), clock);
    await(vertx.deployVerticle(manager));
    manager.scrapeAllNow().toCompletionStage().toCompletableFuture().get(2, java.util.concurrent.TimeUnit.MINUTES);
    String listing = await(manager.targets()).encode();

    assertThat(up("basic")).as("basic_auth with password_file, in " + listing).isEqualTo(1);
    assertThat(up("bearer")).as("bearer_token_file").isEqualTo(1);
    assertThat(up("custom")).as("authorization with its own type").isEqualTo(1);
    assertThat(received.stream().filter(s -> s.metric().equals("jobs_total")).map(Sample::service))
        .containsExactlyInAnyOrder("basic", "bearer", "custom", "skip_verify");
    for (String down : List.of("no_credentials", "wrong_password", "no_client_cert", "no_server_name", "untrusted")) {
      assertThat(up(down)).as(down).isZero();
    }
    assertThat(up("skip_verify")).as("insecure_skip_verify trusts any certificate").isEqualTo(1);

    assertThat(listing).contains("basic", "HTTP 401").doesNotContain(PASSWORD, TOKEN, CUSTOM);
    for (String name : List.of("basic", "bearer", "custom")) {
      assertThat(settings.job(name).toString()).contains("<secret>").doesNotContain(PASSWORD, TOKEN, CUSTOM);
    }
  }

  @Test
  void badTlsOrAuthSettingsStopStartUpNamingTheField() {
    String target = "    static_configs: [{targets: ['127.0.0.1:1']}]\n";
    assertThatThrownBy(() -> ScrapeSettingsTest.parse("scrape_configs:\n  - job_name: a\n    scheme: https\n"
        + "    tls_config: {ca_file: '" + dir.resolve("missing.pem") + "'}\n" + target))
        .hasMessageContaining("scrape.scrape_configs[0].tls_config.ca_file").hasMessageContaining("does not exist");
    assertThatThrownBy(() -> ScrapeSettingsTest.parse("scrape_configs:\n  - job_name: a\n"
        + "    basic_auth: {username: u, password: " + PASSWORD + ", password_file: '" + dir.resolve("password.txt")
        + "'}\n" + target))
        .hasMessageContaining("scrape.scrape_configs[0].basic_auth: password and password_file are both set")
        .hasMessageNotContaining(PASSWORD);
    assertThatThrownBy(() -> ScrapeSettingsTest.parse("scrape_configs:\n  - job_name: a\n"
        + "    bearer_token_file: '" + dir.resolve("nope.txt") + "'\n" + target))
        .hasMessageContaining("scrape.scrape_configs[0].bearer_token_file");
    assertThatThrownBy(() -> ScrapeSettingsTest.parse("scrape_configs:\n  - job_name: a\n"
        + "    bearer_token: " + TOKEN + "\n    basic_auth: {username: u, password: p}\n" + target))
        .hasMessageContaining("at most one of basic_auth, authorization and bearer_token")
        .hasMessageNotContaining(TOKEN);
    assertThatThrownBy(() -> ScrapeSettingsTest.parse("scrape_configs:\n  - job_name: a\n"
        + "    tls_config: {cert_file: '" + clientCert + "'}\n" + target))
        .hasMessageContaining("scrape.scrape_configs[0].tls_config.key_file is missing");
    assertThatThrownBy(() -> ScrapeSettingsTest.parse("scrape_configs:\n  - job_name: a\n"
        + "    authorization: {type: Basic, credentials: " + CUSTOM + "}\n" + target))
        .hasMessageContaining("scrape.scrape_configs[0].authorization.type cannot be Basic")
        .hasMessageNotContaining(CUSTOM);
    assertThatThrownBy(() -> ScrapeSettingsTest.parse("scrape_configs:\n  - job_name: a\n"
        + "    authorization: {credentials: x, credentials_file: '" + dir.resolve("token.txt") + "'}\n" + target))
        .hasMessageContaining("scrape.scrape_configs[0].authorization: credentials and credentials_file are both set");
  }
}
