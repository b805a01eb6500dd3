package dev.acepipe.store.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;

class RemoteLocationTest {
  @Test
  void aBucketAndPrefixAreSplitAndTheirKeysLiveUnderThePrefix() {
    RemoteLocation l = RemoteLocation.parse("s3://acme-renders/team/acepipe/", null, null);

    assertThat(l.bucket()).isEqualTo("acme-renders");
    assertThat(l.prefix()).isEqualTo("team/acepipe");
    assertThat(l.key("objects/ab/cd")).isEqualTo("team/acepipe/objects/ab/cd");
    assertThat(l.display()).isEqualTo("s3://acme-renders/team/acepipe");
  }

  @Test
  void aBareBucketHasNoPrefixAndAnEndpointIsShown() {
    RemoteLocation l =
        RemoteLocation.parse("s3://renders", "http://127.0.0.1:9000", "eu-central-1");

    assertThat(l.prefix()).isEmpty();
    assertThat(l.key("entries/x.json")).isEqualTo("entries/x.json");
    assertThat(l.endpoint()).isEqualTo(URI.create("http://127.0.0.1:9000"));
    assertThat(l.display()).isEqualTo("s3://renders at http://127.0.0.1:9000");
  }

  @Test
  void credentialsInEitherUrlAreRefusedWithoutBeingRepeated() {
    assertThatThrownBy(() -> RemoteLocation.parse("s3://AKIA123:secret@renders", null, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining("secret")
        .hasMessageContaining("AWS_ACCESS_KEY_ID");
    assertThatThrownBy(
            () -> RemoteLocation.parse("s3://renders", "http://user:pw@minio:9000", null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining("pw@");
  }

  @Test
  void otherSchemesAndBadNamesAreRefusedWithAReason() {
    assertThatThrownBy(() -> RemoteLocation.parse("gs://renders", null, null))
        .hasMessage("remote 'gs://renders' must be an s3://bucket/prefix URL");
    assertThatThrownBy(() -> RemoteLocation.parse("s3://", null, null))
        .hasMessageContaining("names no bucket");
    assertThatThrownBy(() -> RemoteLocation.parse("s3://Renders", null, null))
        .hasMessageContaining("not a bucket name");
    assertThatThrownBy(() -> RemoteLocation.parse("s3://renders", "ftp://x", null))
        .hasMessageContaining("http://");
    assertThatThrownBy(() -> RemoteLocation.parse("s3://renders/a//b", null, null))
        .hasMessageContaining("'//'");
  }

  @Test
  void theRegionComesFromTheLocationThenTheEnvironmentThenTheDefault() {
    assertThat(
            S3Bucket.region(
                RemoteLocation.parse("s3://renders", null, "eu-west-3"),
                java.util.Map.of("AWS_REGION", "us-west-2")))
        .isEqualTo("eu-west-3");
    assertThat(
            S3Bucket.region(
                RemoteLocation.parse("s3://renders", null, null),
                java.util.Map.of("AWS_DEFAULT_REGION", "ap-south-1")))
        .isEqualTo("ap-south-1");
  }
}
