package dev.acepipe.store.remote;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where a shared store lives: an S3 bucket and key prefix ({@code s3://bucket/prefix}), an optional
 * endpoint for S3-compatible servers (MinIO, Ceph RGW, R2, Garage; addressed path-style) and an
 * optional region. Holds no credentials: those come from the standard AWS sources (environment,
 * system properties, profiles).
 *
 * @param bucket the bucket name
 * @param prefix the key prefix without leading or trailing {@code /} ("" for the bucket's root)
 * @param endpoint the endpoint URL ({@code http(s)://host:port}), or {@code null} for AWS S3 itself
 * @param region the region, or {@code null} to use the standard AWS region sources
 */
public record RemoteLocation(String bucket, String prefix, URI endpoint, String region) {
  // S3's bucket naming rules (lower case, digits, dots, hyphens; 3..63), loose enough for
  // S3-compatible servers.
  private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.\\-_]{1,61}[a-z0-9]");
  private static final Pattern REGION = Pattern.compile("[a-z0-9][a-z0-9\\-]{0,62}");

  public RemoteLocation {
    Objects.requireNonNull(bucket, "bucket");
    Objects.requireNonNull(prefix, "prefix");
    if (!BUCKET.matcher(bucket).matches()) {
      throw new IllegalArgumentException(
          "'" + bucket + "' is not a bucket name (3-63 lower-case letters, digits, '.', '-')");
    }
    if (prefix.startsWith("/") || prefix.endsWith("/") || prefix.contains("//")) {
      throw new IllegalArgumentException(
          "prefix '" + prefix + "' must not start or end with '/' or contain '//'");
    }
    if (region != null && !REGION.matcher(region).matches()) {
      throw new IllegalArgumentException(
          "'" + region + "' is not a region name (e.g. eu-central-1)");
    }
  }

  /**
   * Parses {@code s3://bucket[/prefix]} and an optional endpoint URL.
   *
   * @throws IllegalArgumentException with a one-line reason when either is malformed
   */
  public static RemoteLocation parse(String url, String endpoint, String region) {
    Objects.requireNonNull(url, "url");
    String text = url.strip();
    if (!text.toLowerCase(Locale.ROOT).startsWith("s3://")) {
      throw new IllegalArgumentException("remote '" + url + "' must be an s3://bucket/prefix URL");
    }
    String rest = text.substring("s3://".length());
    while (rest.endsWith("/")) {
      rest = rest.substring(0, rest.length() - 1);
    }
    int slash = rest.indexOf('/');
    String bucket = slash < 0 ? rest : rest.substring(0, slash);
    String prefix = slash < 0 ? "" : rest.substring(slash + 1);
    if (bucket.isEmpty()) {
      throw new IllegalArgumentException(
          "remote '" + url + "' names no bucket (s3://bucket/prefix)");
    }
    if (bucket.contains("@") || bucket.contains(":")) {
      throw new IllegalArgumentException(
          "remote '"
              + redacted(url)
              + "' must not carry credentials or a port; "
              + "use AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY and --remote-endpoint");
    }
    return new RemoteLocation(
        bucket,
        prefix,
        endpoint == null || endpoint.isBlank() ? null : endpoint(endpoint),
        region == null || region.isBlank() ? null : region.strip());
  }

  /** An http(s) endpoint URL without user info, query or fragment. */
  static URI endpoint(String text) {
    URI uri;
    try {
      uri = new URI(text.strip());
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("endpoint '" + text + "' is not a URL: " + e.getReason());
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
      throw new IllegalArgumentException(
          "endpoint '" + redacted(text) + "' must be an http:// or https:// URL with a host");
    }
    if (uri.getRawUserInfo() != null) {
      throw new IllegalArgumentException(
          "endpoint must not carry credentials; use AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY");
    }
    if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
      throw new IllegalArgumentException(
          "endpoint '" + text + "' must not have a query or fragment");
    }
    return uri;
  }

  /** The key of a name under this location's prefix. */
  String key(String name) {
    return prefix.isEmpty() ? name : prefix + "/" + name;
  }

  /** {@code s3://bucket/prefix}, plus {@code at ENDPOINT} for a custom endpoint; safe to print. */
  public String display() {
    String url = "s3://" + bucket + (prefix.isEmpty() ? "" : "/" + prefix);
    return endpoint == null ? url : url + " at " + endpoint;
  }

  private static String redacted(String text) {
    return text.replaceAll("//[^/@]*@", "//***@");
  }

  @Override
  public String toString() {
    return display();
  }
}
