package dev.acepipe.store.remote;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The S3 operations themselves, against S3Proxy. */
@Timeout(60)
class S3BucketTest {
  private S3Server s3;
  private S3Bucket bucket;

  @BeforeEach
  void start() throws Exception {
    s3 = S3Server.start("bkt");
    bucket =
        new S3Bucket(
            RemoteLocation.parse("s3://bkt/pre/fix", s3.endpoint(), null),
            Map.of(),
            S3Bucket.Timeouts.DEFAULT);
  }

  @AfterEach
  void stop() throws Exception {
    bucket.close();
    s3.close();
  }

  @Test
  void keysLiveUnderThePrefixAndCarryTheirMetadata() throws Exception {
    bucket.put("objects/ab/cd", new byte[] {1, 2, 3}, Map.of("sha256", "abcd"), true);

    assertThat(bucket.head("objects/ab/cd"))
        .hasValueSatisfying(
            h -> {
              assertThat(h.size()).isEqualTo(3);
              assertThat(h.metadata()).containsEntry("sha256", "abcd");
            });
    assertThat(bucket.head("objects/ab/ce")).isEmpty();
    StringBuilder listed = new StringBuilder();
    bucket.list("objects", (k, size) -> listed.append(k).append('=').append(size));
    assertThat(listed).hasToString("ab/cd=3");
    try (var c = s3.client()) {
      assertThat(c.headObject(r -> r.bucket("bkt").key("pre/fix/objects/ab/cd")).contentLength())
          .isEqualTo(3);
    }
  }
}
