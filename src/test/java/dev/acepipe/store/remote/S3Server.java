package dev.acepipe.store.remote;

import java.net.URI;
import java.util.Properties;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.BlobStoreContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A real S3 server for tests: S3Proxy in-process on a free loopback port over a jclouds transient
 * (in-memory) blobstore, with SigV4 authentication. Engines under test find their credentials the
 * standard way, through the {@code aws.accessKeyId}/{@code aws.secretAccessKey} system properties
 * set here (the same values for every instance, so tests may run in parallel).
 */
public final class S3Server implements AutoCloseable {
  public static final String IDENTITY = "acepipe-test";
  public static final String CREDENTIAL = "acepipe-test-secret-7f3a";

  static {
    System.setProperty("aws.accessKeyId", IDENTITY);
    System.setProperty("aws.secretAccessKey", CREDENTIAL);
  }

  private final BlobStoreContext context;
  private S3Proxy proxy;
  private final int port;

  private S3Server(int port) throws Exception {
    Properties props = new Properties();
    context =
        ContextBuilder.newBuilder("transient")
            .credentials(IDENTITY, CREDENTIAL)
            .overrides(props)
            .build(BlobStoreContext.class);
    proxy = build(context.getBlobStore(), port);
    proxy.start();
    while (!proxy.getState().equals("STARTED")) {
      Thread.onSpinWait();
    }
    this.port = proxy.getPort();
  }

  private static S3Proxy build(BlobStore blobs, int port) {
    return S3Proxy.builder()
        .blobStore(blobs)
        .endpoint(URI.create("http://127.0.0.1:" + port))
        .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, IDENTITY, CREDENTIAL)
        .build();
  }

  /** Starts a server with one empty bucket. */
  public static S3Server start(String bucket) throws Exception {
    S3Server s = new S3Server(0);
    s.context.getBlobStore().createContainerInLocation(null, bucket);
    return s;
  }

  public String endpoint() {
    return "http://127.0.0.1:" + port;
  }

  public int port() {
    return port;
  }

  /** A plain SDK client on this server (for a test to look at or damage what the engine stored). */
  public S3Client client() {
    return S3Client.builder()
        .endpointOverride(URI.create(endpoint()))
        .forcePathStyle(true)
        .region(Region.US_EAST_1)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create(IDENTITY, CREDENTIAL)))
        .httpClientBuilder(
            software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.builder())
        .requestChecksumCalculation(
            software.amazon.awssdk.core.checksums.RequestChecksumCalculation.WHEN_REQUIRED)
        .build();
  }

  /** Overwrites an object's bytes behind the engine's back. */
  public void overwrite(String bucket, String key, byte[] bytes) {
    try (S3Client c = client()) {
      c.putObject(r -> r.bucket(bucket).key(key), RequestBody.fromBytes(bytes));
    }
  }

  /** Stops answering (connections are refused); the blobs are kept. */
  public void stop() throws Exception {
    if (proxy != null) {
      proxy.stop();
      proxy = null;
    }
  }

  @Override
  public void close() throws Exception {
    stop();
    context.close();
  }
}
