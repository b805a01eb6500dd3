package dev.acepipe.store.remote;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.AwsProfileRegionProvider;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The handful of S3 operations the remote store needs (head, get, put, list, probe), over the AWS
 * SDK v2 with the JDK's URL-connection transport. Every failure that means "the remote cannot be
 * used" becomes a {@link RemoteUnavailableException} with a one-line reason; "no such key" is an
 * empty answer, not a failure.
 *
 * <p>Bodies stream: uploads are read from the file (twice over plain http, where the payload is
 * signed), downloads are handed to the caller as a stream. The SDK's optional CRC checksums are off
 * ({@code WHEN_REQUIRED}): acepipe verifies SHA-256 itself, and several S3-compatible servers
 * reject the SDK's chunked checksum trailers.
 */
final class S3Bucket implements AutoCloseable {
  /** How long to wait for a connection and for each read; a stalled network fails within these. */
  record Timeouts(Duration connect, Duration read) {
    static final Timeouts DEFAULT = new Timeouts(Duration.ofSeconds(5), Duration.ofSeconds(30));
  }

  /** What HEAD says of an object. */
  record Head(long size, Map<String, String> metadata) {
    Head {
      metadata = Map.copyOf(metadata);
    }
  }

  /** Reads a downloaded body. */
  @FunctionalInterface
  interface BodyReader<T> {
    T read(InputStream in, long size) throws IOException;
  }

  /** The outcome of a conditional put. */
  enum Put {
    CREATED,
    ALREADY_THERE
  }

  private final RemoteLocation location;
  private final S3Client s3;

  S3Bucket(RemoteLocation location, Map<String, String> env, Timeouts timeouts) {
    this.location = location;
    S3ClientBuilder b =
        S3Client.builder()
            .httpClientBuilder(
                UrlConnectionHttpClient.builder()
                    .connectionTimeout(timeouts.connect())
                    .socketTimeout(timeouts.read()))
            .region(Region.of(region(location, env)))
            .credentialsProvider(credentials())
            .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
            .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
            // One retry: the run goes on locally when the remote misbehaves, so waiting long buys
            // nothing.
            .overrideConfiguration(
                o ->
                    o.retryStrategy(
                        AwsRetryStrategy.standardRetryStrategy().toBuilder()
                            .maxAttempts(2)
                            .build()));
    if (location.endpoint() != null) {
      // S3-compatible servers are addressed path-style: http://host:port/bucket/key.
      b.endpointOverride(location.endpoint()).forcePathStyle(true);
    }
    this.s3 = b.build();
  }

  RemoteLocation location() {
    return location;
  }

  /** Checks that the bucket exists and these credentials may use it. */
  void probe() throws RemoteUnavailableException {
    call(() -> s3.headBucket(r -> r.bucket(location.bucket())), true);
  }

  Optional<Head> head(String name) throws RemoteUnavailableException {
    try {
      HeadObjectResponse r =
          call(
              () -> s3.headObject(q -> q.bucket(location.bucket()).key(location.key(name))), false);
      return Optional.of(new Head(r.contentLength(), r.metadata()));
    } catch (NoSuchKey e) {
      return Optional.empty();
    }
  }

  /** Streams the object to {@code reader}; empty if there is no such key. */
  <T> Optional<T> get(String name, BodyReader<T> reader) throws IOException {
    ResponseInputStream<GetObjectResponse> in;
    try {
      in =
          call(() -> s3.getObject(q -> q.bucket(location.bucket()).key(location.key(name))), false);
    } catch (NoSuchKey e) {
      return Optional.empty();
    }
    try (in) {
      return Optional.of(reader.read(new NetworkStream(in, name), in.response().contentLength()));
    } catch (SdkException e) {
      throw unavailable(e, false);
    }
  }

  /**
   * A download body whose read failures are the remote's (connection lost, stalled), told apart
   * from the local disk failures of whoever consumes it.
   */
  private static final class NetworkStream extends java.io.FilterInputStream {
    private final String name;

    NetworkStream(InputStream in, String name) {
      super(in);
      this.name = name;
    }

    @Override
    public int read() throws IOException {
      try {
        return super.read();
      } catch (IOException e) {
        throw lost(e);
      }
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      try {
        return super.read(b, off, len);
      } catch (IOException e) {
        throw lost(e);
      }
    }

    private RemoteUnavailableException lost(IOException e) {
      return new RemoteUnavailableException(
          e instanceof SocketTimeoutException
              ? "timed out while downloading " + name
              : "connection lost while downloading " + name + " (" + e.getMessage() + ")",
          e);
    }
  }

  /**
   * Uploads a file. With {@code onlyIfAbsent} the put is conditional ({@code If-None-Match: *}): an
   * object that exists is left alone and {@link Put#ALREADY_THERE} returned. A server that ignores
   * the header simply overwrites, which for content-addressed names writes the same bytes.
   */
  Put put(String name, Path file, Map<String, String> metadata, boolean onlyIfAbsent)
      throws RemoteUnavailableException {
    return put(name, RequestBody.fromFile(file), metadata, onlyIfAbsent);
  }

  Put put(String name, byte[] bytes, Map<String, String> metadata, boolean onlyIfAbsent)
      throws RemoteUnavailableException {
    return put(name, RequestBody.fromBytes(bytes), metadata, onlyIfAbsent);
  }

  private Put put(String name, RequestBody body, Map<String, String> metadata, boolean onlyIfAbsent)
      throws RemoteUnavailableException {
    PutObjectRequest.Builder req =
        PutObjectRequest.builder()
            .bucket(location.bucket())
            .key(location.key(name))
            .metadata(metadata);
    if (onlyIfAbsent) {
      req.ifNoneMatch("*");
    }
    try {
      call(() -> s3.putObject(req.build(), body), false);
      return Put.CREATED;
    } catch (PreconditionFailed e) {
      return Put.ALREADY_THERE;
    } catch (NoSuchKey e) {
      throw new RemoteUnavailableException("bucket '" + location.bucket() + "' does not exist", e);
    }
  }

  /** Every key under {@code location/dir/} with its size. */
  void list(String dir, BiConsumer<String, Long> each) throws RemoteUnavailableException {
    String prefix = location.key(dir) + "/";
    ListObjectsV2Request req =
        ListObjectsV2Request.builder().bucket(location.bucket()).prefix(prefix).build();
    call(
        () -> {
          for (S3Object o : s3.listObjectsV2Paginator(req).contents()) {
            each.accept(o.key().substring(prefix.length()), o.size());
          }
          return null;
        },
        true);
  }

  @Override
  public void close() {
    s3.close();
  }

  // ---- failures
  // -------------------------------------------------------------------------------------------

  /**
   * A 404 on a key: an answer, not a fault. Unchecked only to pass through the SDK's lambdas;
   * always caught here.
   */
  private static final class NoSuchKey extends RuntimeException {
    NoSuchKey(Throwable cause) {
      super(cause);
    }
  }

  /** A 412 on a conditional put: the object exists. */
  private static final class PreconditionFailed extends RuntimeException {
    PreconditionFailed(Throwable cause) {
      super(cause);
    }
  }

  @FunctionalInterface
  private interface Call<T> {
    T run();
  }

  /** Runs one SDK call; {@code bucketLevel} calls read a 404 as "no such bucket". */
  private <T> T call(Call<T> c, boolean bucketLevel) throws RemoteUnavailableException {
    try {
      return c.run();
    } catch (S3Exception e) {
      if (e.statusCode() == 404 && !bucketLevel && !"NoSuchBucket".equals(code(e))) {
        throw new NoSuchKey(e);
      }
      if (e.statusCode() == 412
          || e.statusCode() == 409 && "ConditionalRequestConflict".equals(code(e))) {
        throw new PreconditionFailed(e);
      }
      throw unavailable(e, bucketLevel);
    } catch (SdkException e) {
      throw unavailable(e, bucketLevel);
    }
  }

  private RemoteUnavailableException unavailable(SdkException e, boolean bucketLevel) {
    return new RemoteUnavailableException(reason(e, bucketLevel), e);
  }

  private String reason(SdkException e, boolean bucketLevel) {
    if (e instanceof S3Exception s) {
      String code = code(s);
      return switch (s.statusCode()) {
        case 403 ->
            "access denied"
                + (code == null ? "" : " (" + code + ")")
                + "; check the AWS credentials and the bucket's policy";
        case 404 -> "bucket '" + location.bucket() + "' does not exist";
        case 301, 307 ->
            "bucket '"
                + location.bucket()
                + "' is in another region; set store.region or AWS_REGION";
        default -> "S3 answered " + s.statusCode() + (code == null ? "" : " " + code);
      };
    }
    if (e instanceof ApiCallTimeoutException || e instanceof ApiCallAttemptTimeoutException) {
      return "timed out";
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof ConnectException) {
        return "unreachable (connection refused)";
      }
      if (t instanceof UnknownHostException) {
        return "unreachable (unknown host " + t.getMessage() + ")";
      }
      if (t instanceof SocketTimeoutException || t instanceof InterruptedIOException) {
        return "timed out";
      }
    }
    String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    if (e instanceof SdkClientException && msg.contains("credentials")) {
      return "no AWS credentials (set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or AWS_PROFILE)";
    }
    int nl = msg.indexOf('\n');
    return "unusable (" + (nl < 0 ? msg : msg.substring(0, nl)) + ")";
  }

  private static String code(S3Exception e) {
    return e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
  }

  // ---- configuration
  // --------------------------------------------------------------------------------------

  /**
   * The location's region, else AWS_REGION / AWS_DEFAULT_REGION, else the profile's, else
   * us-east-1.
   */
  static String region(RemoteLocation location, Map<String, String> env) {
    if (location.region() != null) {
      return location.region();
    }
    for (String name : new String[] {"AWS_REGION", "AWS_DEFAULT_REGION"}) {
      String v = env.get(name);
      if (v != null && !v.isBlank()) {
        return v.strip();
      }
    }
    try {
      Region r = new AwsProfileRegionProvider().getRegion();
      if (r != null) {
        return r.id();
      }
    } catch (SdkClientException noProfileRegion) {
      // fall through to the default; never ask the instance metadata service from here
    }
    return "us-east-1";
  }

  /**
   * The SDK's standard chain: system properties, environment, web identity, profiles,
   * container/instance roles.
   */
  private static AwsCredentialsProvider credentials() {
    return DefaultCredentialsProvider.builder().build();
  }
}
