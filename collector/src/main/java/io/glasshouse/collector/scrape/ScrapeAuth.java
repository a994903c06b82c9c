package io.glasshouse.collector.scrape;

import io.vertx.core.net.ClientSSLOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Locale;
import java.util.Set;

/**
 * How a job reaches its targets over TLS and authenticates, in Prometheus's {@code scrape_config} shape:
 * {@code tls_config} ({@code ca_file}, {@code cert_file}, {@code key_file}, {@code server_name},
 * {@code insecure_skip_verify}), {@code basic_auth} ({@code username}, {@code password} or
 * {@code password_file}), {@code authorization} ({@code type}, default {@code Bearer}; {@code credentials} or
 * {@code credentials_file}) and the older {@code bearer_token} / {@code bearer_token_file}.
 *
 * <p>Checked at start as Prometheus checks them: at most one of {@code basic_auth}, {@code authorization} and
 * {@code bearer_token(_file)}; a value and its {@code _file} form are exclusive; {@code cert_file} and
 * {@code key_file} go together; every file named must be readable. Secret files are read at start (restart to
 * rotate them); certificate and key files when the first TLS connection is made. The secret never appears in
 * {@link #toString()}, so neither in logs nor in the target listing.
 */
public final class ScrapeAuth {
  /** No TLS settings of the job's own (the JDK's trusted CAs, host name checked) and no credentials. */
  public static final ScrapeAuth NONE = new ScrapeAuth(null, null, null, null, false, null, null);

  static final Set<String> FIELDS = Set.of("tls_config", "basic_auth", "authorization", "bearer_token",
      "bearer_token_file");

  private final String caFile;
  private final String certFile;
  private final String keyFile;
  private final String serverName;
  private final boolean insecureSkipVerify;
  /** The {@code Authorization} header value; null when none. */
  private final String authorization;
  /** How it was configured, for {@link #toString()} (never the secret). */
  private final String scheme;
  private final ClientSSLOptions ssl;

  private ScrapeAuth(String caFile, String certFile, String keyFile, String serverName,
      boolean insecureSkipVerify, String authorization, String scheme) {
    this.caFile = caFile;
    this.certFile = certFile;
    this.keyFile = keyFile;
    this.serverName = serverName;
    this.insecureSkipVerify = insecureSkipVerify;
    this.authorization = authorization;
    this.scheme = scheme;
    ClientSSLOptions o = new ClientSSLOptions().setTrustAll(insecureSkipVerify)
        .setHostnameVerificationAlgorithm(insecureSkipVerify ? "" : "HTTPS");
    if (caFile != null) {
      o.setTrustOptions(new PemTrustOptions().addCertPath(caFile));
    }
    if (certFile != null) {
      o.setKeyCertOptions(new PemKeyCertOptions().setCertPath(certFile).setKeyPath(keyFile));
    }
    this.ssl = o;
  }

  /** Reads the auth and TLS fields of a {@code scrape_configs} entry (other fields are the caller's). */
  static ScrapeAuth parse(Fields job) {
    String caFile = null;
    String certFile = null;
    String keyFile = null;
    String serverName = null;
    boolean insecure = false;
    if (job.has("tls_config")) {
      Fields tls = Fields.of(job.path + ".tls_config", job.raw("tls_config"))
          .only(Set.of("ca_file", "cert_file", "key_file", "server_name", "insecure_skip_verify"));
      caFile = readableFile(tls, "ca_file");
      certFile = readableFile(tls, "cert_file");
      keyFile = readableFile(tls, "key_file");
      if ((certFile == null) != (keyFile == null)) {
        throw new IllegalArgumentException(tls.path + "." + (certFile == null ? "cert_file" : "key_file")
            + " is missing: cert_file and key_file go together (the client certificate and its private key)");
      }
      serverName = tls.string("server_name", null);
      insecure = tls.bool("insecure_skip_verify", false);
    }
    int ways = (job.has("basic_auth") ? 1 : 0) + (job.has("authorization") ? 1 : 0)
        + (job.has("bearer_token") || job.has("bearer_token_file") ? 1 : 0);
    if (ways > 1) {
      throw new IllegalArgumentException(job.path + ": at most one of basic_auth, authorization and "
          + "bearer_token / bearer_token_file may be set");
    }
    String header = null;
    String scheme = null;
    if (job.has("basic_auth")) {
      Fields b = Fields.of(job.path + ".basic_auth", job.raw("basic_auth"))
          .only(Set.of("username", "username_file", "password", "password_file"));
      String user = secret(b, "username", "username_file");
      String password = secret(b, "password", "password_file");
      if (user == null) {
        throw new IllegalArgumentException(b.path + ".username is required with basic_auth");
      }
      header = "Basic " + Base64.getEncoder().encodeToString((user + ":" + (password == null ? "" : password))
          .getBytes(StandardCharsets.UTF_8));
      scheme = "basic_auth";
    } else if (job.has("authorization")) {
      Fields a = Fields.of(job.path + ".authorization", job.raw("authorization"))
          .only(Set.of("type", "credentials", "credentials_file"));
      String type = a.string("type", "Bearer").trim();
      if (type.isEmpty() || type.chars().anyMatch(c -> c <= ' ' || c > '~')) {
        throw new IllegalArgumentException(a.path + ".type must be one word, e.g. Bearer");
      }
      if (type.toLowerCase(Locale.ROOT).equals("basic")) {
        throw new IllegalArgumentException(a.path + ".type cannot be Basic; use basic_auth instead");
      }
      String credentials = secret(a, "credentials", "credentials_file");
      if (credentials == null) {
        throw new IllegalArgumentException(a.path + ": credentials or credentials_file is required");
      }
      header = type + " " + credentials;
      scheme = "authorization " + type;
    } else if (job.has("bearer_token") || job.has("bearer_token_file")) {
      header = "Bearer " + secret(job, "bearer_token", "bearer_token_file");
      scheme = "bearer_token";
    }
    if (header != null && header.chars().anyMatch(c -> c < ' ' && c != '\t')) {
      throw new IllegalArgumentException(job.path + ": the " + scheme + " credentials hold a control character "
          + "(a line break in the file?)");
    }
    if (caFile == null && certFile == null && serverName == null && !insecure && header == null) {
      return NONE;
    }
    return new ScrapeAuth(caFile, certFile, keyFile, serverName, insecure, header, scheme);
  }

  /** The value of {@code key} or the trimmed content of {@code fileKey}; refused when both are set. */
  private static String secret(Fields f, String key, String fileKey) {
    if (f.has(key) && f.has(fileKey)) {
      throw new IllegalArgumentException(f.path + ": " + key + " and " + fileKey + " are both set; use one");
    }
    if (f.has(fileKey)) {
      String file = readableFile(f, fileKey);
      try {
        return Files.readString(Path.of(file), StandardCharsets.UTF_8).strip();
      } catch (IOException e) {
        throw new IllegalArgumentException(f.path + "." + fileKey + ": cannot read " + file + " ("
            + e.getClass().getSimpleName() + ")");
      }
    }
    Object v = f.raw(key);
    if (v == null) {
      return null;
    }
    if (!(v instanceof String || v instanceof Number || v instanceof Boolean)) {
      throw new IllegalArgumentException(f.path + "." + key + " must be a string");
    }
    return String.valueOf(v);
  }

  /** The file named by {@code key}, refused unless it is a readable regular file; null when absent. */
  private static String readableFile(Fields f, String key) {
    String file = f.string(key, null);
    if (file == null) {
      return null;
    }
    Path p = Path.of(file);
    if (!Files.isRegularFile(p) || !Files.isReadable(p)) {
      throw new IllegalArgumentException(f.path + "." + key + ": " + file + " is not a readable file"
          + (Files.exists(p) ? "" : " (it does not exist)"));
    }
    return file;
  }

  /** TLS options for this job's {@code https} targets. */
  ClientSSLOptions sslOptions() {
    return ssl;
  }

  /** The host name to send in SNI and to check the target's certificate against, instead of the target's host. */
  String serverName() {
    return serverName;
  }

  /** The {@code Authorization} header value, or null. */
  String authorizationHeader() {
    return authorization;
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("ScrapeAuth[");
    if (caFile != null) {
      sb.append("ca_file=").append(caFile).append(", ");
    }
    if (certFile != null) {
      sb.append("cert_file=").append(certFile).append(", key_file=").append(keyFile).append(", ");
    }
    if (serverName != null) {
      sb.append("server_name=").append(serverName).append(", ");
    }
    if (insecureSkipVerify) {
      sb.append("insecure_skip_verify, ");
    }
    sb.append(scheme == null ? "no credentials" : scheme + " <secret>");
    return sb.append(']').toString();
  }
}
