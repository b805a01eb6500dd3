package dev.acepipe.client;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How to reach one ACE-Step server: base URL, optional API key and timeouts.
 *
 * <p>{@link #toString()} never shows the key. Build with {@link #custom(String)}; every value is
 * checked eagerly.
 *
 * @param baseUrl scheme, host, port and optional path prefix, without a trailing slash and without
 *     credentials
 * @param apiKey the bearer key, or {@code null} when the server needs none
 * @param connectTimeout time to open a TCP connection
 * @param readTimeout longest silence while reading a response (also bounds a stalled download)
 * @param callTimeout whole-call bound for small JSON calls; downloads and uploads are bounded by
 *     {@code readTimeout} per read instead, since their size is unbounded
 * @param formatTimeout whole-call bound for {@code /format_input}, which runs the language model
 *     synchronously
 */
public record ClientConfig(
    String baseUrl,
    String apiKey,
    Duration connectTimeout,
    Duration readTimeout,
    Duration callTimeout,
    Duration formatTimeout) {

  public static final String DEFAULT_URL = "http://localhost:8001";

  public ClientConfig {
    baseUrl = normalise(Objects.requireNonNull(baseUrl, "baseUrl"));
    apiKey = apiKey == null || apiKey.isBlank() ? null : apiKey.strip();
    requirePositive(connectTimeout, "connectTimeout");
    requirePositive(readTimeout, "readTimeout");
    requirePositive(callTimeout, "callTimeout");
    requirePositive(formatTimeout, "formatTimeout");
  }

  /**
   * A builder for {@code baseUrl} with the defaults: 10 s connect, 60 s read, 120 s call, 10 min
   * format.
   */
  public static Builder custom(String baseUrl) {
    return new Builder(baseUrl);
  }

  /** The key, if one is configured. */
  public Optional<String> apiKeyIfAny() {
    return Optional.ofNullable(apiKey);
  }

  public Builder toBuilder() {
    return new Builder(baseUrl)
        .apiKey(apiKey)
        .connectTimeout(connectTimeout)
        .readTimeout(readTimeout)
        .callTimeout(callTimeout)
        .formatTimeout(formatTimeout);
  }

  @Override
  public String toString() {
    return "ClientConfig[baseUrl="
        + baseUrl
        + ", apiKey="
        + (apiKey == null ? "none" : "***")
        + ", connectTimeout="
        + connectTimeout
        + ", readTimeout="
        + readTimeout
        + ", callTimeout="
        + callTimeout
        + ", formatTimeout="
        + formatTimeout
        + "]";
  }

  private static String normalise(String url) {
    String trimmed = url.strip();
    URI uri;
    try {
      uri = new URI(trimmed);
    } catch (URISyntaxException e) {
      throw new InvalidUrlException("server URL is not a valid URL: '" + shown(trimmed) + "'");
    }
    String scheme = uri.getScheme();
    if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) {
      throw new InvalidUrlException(
          "server URL must start with http:// or https://, was '" + shown(trimmed) + "'");
    }
    if (uri.getHost() == null) {
      throw new InvalidUrlException("server URL has no host: '" + shown(trimmed) + "'");
    }
    if (uri.getRawUserInfo() != null) {
      // Echoing the URL here would print the credentials it carries.
      throw new InvalidUrlException(
          "server URL must not contain credentials; pass the API key separately");
    }
    if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
      // Not echoed: a query such as ?token=... is a credential.
      throw new InvalidUrlException(
          "server URL must not have a query or fragment (a key in the URL would be "
              + "logged); pass the API key with --api-key-file or $ACESTEP_API_KEY");
    }
    if (uri.getPort() > 65535) {
      throw new InvalidUrlException(
          "server URL port " + uri.getPort() + " is out of range (1-65535)");
    }
    while (trimmed.endsWith("/")) {
      trimmed = trimmed.substring(0, trimmed.length() - 1);
    }
    return trimmed;
  }

  /** {@code url} as an error may print it: without its query or fragment, which may carry a key. */
  private static String shown(String url) {
    int cut = url.length();
    for (char c : new char[] {'?', '#', '@'}) {
      int at = url.indexOf(c);
      if (at >= 0 && at < cut) {
        cut = at;
      }
    }
    return cut == url.length() ? url : url.substring(0, cut) + "…";
  }

  private static void requirePositive(Duration d, String name) {
    Objects.requireNonNull(d, name);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be positive, was " + d);
    }
  }

  /** Mutable builder; {@link #build()} validates. */
  /** A server URL that cannot be used (the message says why, never echoing a credential). */
  public static final class InvalidUrlException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    InvalidUrlException(String message) {
      super(message);
    }
  }

  public static final class Builder {
    private final String baseUrl;
    private String apiKey;
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration readTimeout = Duration.ofSeconds(60);
    private Duration callTimeout = Duration.ofSeconds(120);
    private Duration formatTimeout = Duration.ofMinutes(10);

    private Builder(String baseUrl) {
      this.baseUrl = baseUrl;
    }

    public Builder apiKey(String v) {
      apiKey = v;
      return this;
    }

    public Builder connectTimeout(Duration v) {
      connectTimeout = v;
      return this;
    }

    public Builder readTimeout(Duration v) {
      readTimeout = v;
      return this;
    }

    public Builder callTimeout(Duration v) {
      callTimeout = v;
      return this;
    }

    public Builder formatTimeout(Duration v) {
      formatTimeout = v;
      return this;
    }

    public ClientConfig build() {
      return new ClientConfig(
          baseUrl, apiKey, connectTimeout, readTimeout, callTimeout, formatTimeout);
    }
  }
}
