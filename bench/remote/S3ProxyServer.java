// A local S3 server for bench/remote/run.sh: S3Proxy over a jclouds filesystem blobstore in DIR, on
// 127.0.0.1:PORT,
// with SigV4 authentication (identity/credential from the arguments). Creates BUCKET, prints
// "ready", then serves
// until killed. Run with the test classpath (S3Proxy is a test dependency, never in the shaded
// jar).
import java.net.URI;
import java.util.Properties;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;

public class S3ProxyServer {
  public static void main(String[] args) throws Exception {
    String dir = args[0];
    int port = Integer.parseInt(args[1]);
    String bucket = args[2];
    String identity = args[3];
    String credential = args[4];
    Properties props = new Properties();
    props.setProperty("jclouds.filesystem.basedir", dir);
    BlobStoreContext context =
        ContextBuilder.newBuilder("filesystem")
            .credentials(identity, credential)
            .overrides(props)
            .build(BlobStoreContext.class);
    context.getBlobStore().createContainerInLocation(null, bucket);
    S3Proxy proxy =
        S3Proxy.builder()
            .blobStore(context.getBlobStore())
            .endpoint(URI.create("http://127.0.0.1:" + port))
            .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, identity, credential)
            .v4MaxNonChunkedRequestSize(1L << 40)
            .build();
    proxy.start();
    while (!proxy.getState().equals("STARTED")) {
      Thread.sleep(10);
    }
    System.out.println("ready " + proxy.getPort());
    System.out.flush();
    Thread.currentThread().join();
  }
}
