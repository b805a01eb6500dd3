package dev.acepipe.dsl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.acepipe.diagnostic.Codes;
import dev.acepipe.diagnostic.Diagnostic;
import dev.acepipe.dsl.model.StoreSpec;
import dev.acepipe.validate.CheckResult;
import dev.acepipe.validate.PipelineChecker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code store:} block: a remote, an endpoint and a region, checked with located diagnostics.
 */
class StoreBlockTest {
  @TempDir Path dir;

  private CheckResult check(String store) throws IOException {
    Path f = dir.resolve("p.yaml");
    Files.writeString(
        f, "version: 1\n" + store + "steps:\n  a:\n    type: generate\n    prompt: x\n");
    return new PipelineChecker().check(f, "p.yaml");
  }

  @Test
  void aCompleteBlockIsDecoded() throws IOException {
    CheckResult r =
        check(
            "store:\n  remote: s3://acme-renders/acepipe\n  endpoint: http://minio.internal:9000\n"
                + "  region: eu-central-1\n");

    assertThat(r.diagnostics()).isEmpty();
    assertThat(r.pipeline().storeSpec())
        .contains(
            new StoreSpec(
                "s3://acme-renders/acepipe", "http://minio.internal:9000", "eu-central-1"));
  }

  @Test
  void aPipelineWithoutTheBlockHasNoRemote() throws IOException {
    assertThat(check("").pipeline().storeSpec()).isEmpty();
  }

  @Test
  void credentialsInTheBlockAreRefusedWhereTheyStandAndNamedWhereTheyBelong() throws IOException {
    CheckResult r = check("store:\n  remote: s3://acme-renders\n  secret_access_key: hunter2\n");

    assertThat(r.isValid()).isFalse();
    Diagnostic d = r.diagnostics().get(0);
    assertThat(d.code()).isEqualTo(Codes.UNKNOWN_KEY);
    assertThat(d.location().line()).isEqualTo(4);
    assertThat(d.message()).contains("credentials never go in the pipeline");
    assertThat(d.hint()).contains("AWS_ACCESS_KEY_ID");
    assertThat(r.diagnostics()).noneMatch(x -> x.message().contains("hunter2"));
  }

  @Test
  void aRemoteThatIsNotAnS3UrlIsALocatedError() throws IOException {
    CheckResult r = check("store:\n  remote: https://acme-renders.example/acepipe\n");

    assertThat(r.diagnostics())
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.code()).isEqualTo(Codes.WRONG_TYPE);
              assertThat(d.location().line()).isEqualTo(3);
              assertThat(d.location().column()).isEqualTo(11);
              assertThat(d.message()).contains("s3://bucket/prefix");
            });
  }

  @Test
  void aMisspelledKeyGetsASuggestionAndAMissingRemoteIsNamed() throws IOException {
    CheckResult r = check("store:\n  endpiont: http://localhost:9000\n");

    assertThat(r.diagnostics())
        .extracting(Diagnostic::message)
        .containsExactly("unknown key 'endpiont' in store", "'store' has no 'remote'");
    assertThat(r.diagnostics().get(0).hint()).contains("did you mean 'endpoint'?");
  }

  @Test
  void anEndpointWithCredentialsOrAnotherSchemeIsRefused() throws IOException {
    assertThat(
            check("store:\n  remote: s3://acme\n  endpoint: http://user:pw@minio:9000\n").isValid())
        .isFalse();
    assertThat(check("store:\n  remote: s3://acme\n  endpoint: ftp://minio:9000\n").isValid())
        .isFalse();
    assertThat(check("store: s3://acme\n").diagnostics())
        .singleElement()
        .satisfies(d -> assertThat(d.message()).startsWith("'store' must be a map"));
  }
}
