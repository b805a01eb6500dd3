package dev.acepipe.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.acepipe.dsl.model.StoreSpec;
import dev.acepipe.store.remote.RemoteLocation;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Where the remote comes from: the command line, else the environment, else the pipeline. */
class RemoteOptionsTest {
  private static final StoreSpec YAML =
      new StoreSpec("s3://from-yaml/p", "http://yaml:9000", "eu-north-1");

  @Test
  void theCommandLineWinsOverTheEnvironmentWhichWinsOverThePipeline() {
    RemoteOptions cli = new RemoteOptions();
    cli.remote = "s3://from-cli";
    RemoteOptions none = new RemoteOptions();
    Map<String, String> env =
        Map.of("ACEPIPE_REMOTE", "s3://from-env/x", "ACEPIPE_REMOTE_ENDPOINT", "http://env:9000");

    RemoteLocation fromCli = cli.location(YAML, env).orElseThrow();
    RemoteLocation fromEnv = none.location(YAML, env).orElseThrow();
    RemoteLocation fromYaml = none.location(YAML, Map.of()).orElseThrow();

    assertThat(fromCli.display()).isEqualTo("s3://from-cli at http://env:9000");
    assertThat(fromEnv.display()).isEqualTo("s3://from-env/x at http://env:9000");
    assertThat(fromYaml.display()).isEqualTo("s3://from-yaml/p at http://yaml:9000");
    assertThat(fromYaml.region()).isEqualTo("eu-north-1");
  }

  @Test
  void withoutAnyRemoteThereIsNoneUnlessOneIsRequired() {
    RemoteOptions required = new RemoteOptions();
    required.required = true;

    assertThat(new RemoteOptions().location(null, Map.of("ACEPIPE_REMOTE", " "))).isEmpty();
    assertThatThrownBy(() -> required.location(null, Map.of()))
        .isInstanceOfSatisfying(
            CliException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCodes.USAGE))
        .hasMessageContaining("--remote-required, but no remote store is configured");
  }

  @Test
  void aMalformedRemoteIsAUsageError() {
    RemoteOptions bad = new RemoteOptions();
    bad.remote = "https://renders";

    assertThatThrownBy(() -> bad.location(null, Map.of()))
        .isInstanceOfSatisfying(
            CliException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCodes.USAGE));
  }
}
