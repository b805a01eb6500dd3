package dev.acepipe.adapters;

import static org.assertj.core.api.Assertions.assertThat;

import dev.acepipe.client.ClientConfig;
import dev.acepipe.client.ModelInventory;
import dev.acepipe.client.OkHttpAceStepClient;
import dev.acepipe.server.EmbeddedProfile;
import dev.acepipe.server.EmbeddedServer;
import dev.acepipe.server.EmbeddedServerConfig;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link ModelCheck} against the embedded server's inventories and offline. */
class ModelCheckTest {
  @TempDir Path dir;

  private ModelInventory inventoryOf(EmbeddedProfile profile) throws Exception {
    try (EmbeddedServer server =
            EmbeddedServer.start(
                EmbeddedServerConfig.defaults(dir.resolve("out")).withProfile(profile));
        OkHttpAceStepClient client =
            new OkHttpAceStepClient(ClientConfig.custom(server.baseUrl()).build(), line -> {})) {
      return client.modelInventory();
    }
  }

  @Test
  void aBaseModelOfTheInventoryRunsStemTasksWithTheServersTaskTypes() throws Exception {
    ModelCheck check = ModelCheck.of(inventoryOf(EmbeddedProfile.NEWER));

    ModelCheck.Verdict v = check.check("acestep-v15-base", "extract");

    assertThat(v).isInstanceOf(ModelCheck.Ok.class);
    assertThat(((ModelCheck.Ok) v).source()).isEqualTo(ModelCheck.Source.SERVER);
    assertThat(v.code()).isEqualTo("ok");
  }

  @Test
  void aTurboModelRefusesLegoNamingItsTaskTypes() throws Exception {
    ModelCheck check = ModelCheck.of(inventoryOf(EmbeddedProfile.NEWER));

    ModelCheck.Verdict v = check.check("acestep-v15-turbo", "lego");

    assertThat(v).isInstanceOf(ModelCheck.TaskNotSupported.class);
    assertThat(v.code()).isEqualTo("task-not-supported");
    assertThat(v.message())
        .isEqualTo(
            "model 'acestep-v15-turbo' does not run lego (a turbo model; stems need a base"
                + " model): it runs text2music, repaint, cover, cover-nofsq");
  }

  @Test
  void theDefaultModelIsCheckedWhenAStepNamesNone() throws Exception {
    ModelCheck check = ModelCheck.of(inventoryOf(EmbeddedProfile.NEWER));

    ModelCheck.Verdict v = check.check(Optional.empty(), "complete");

    assertThat(v).isInstanceOf(ModelCheck.TaskNotSupported.class);
    assertThat(((ModelCheck.TaskNotSupported) v).model()).isEqualTo("acestep-v15-turbo");
  }

  @Test
  void aMistypedModelIsUnknownWithTheClosestNamesOfTheServer() throws Exception {
    ModelCheck check = ModelCheck.of(inventoryOf(EmbeddedProfile.NEWER));

    ModelCheck.Verdict v = check.check("acestep-v15-bse", "text2music");
    ModelCheck.Verdict far = check.check("stable-audio", "text2music");

    assertThat(v)
        .isEqualTo(
            new ModelCheck.UnknownModel(
                "acestep-v15-bse",
                java.util.List.of("acestep-v15-base"),
                java.util.List.of("acestep-v15-turbo", "acestep-v15-base")));
    assertThat(v.message())
        .isEqualTo("the server has no model 'acestep-v15-bse'; did you mean 'acestep-v15-base'?");
    assertThat(far.message())
        .isEqualTo(
            "the server has no model 'stable-audio' (it has acestep-v15-turbo, acestep-v15-base)");
  }

  @Test
  void aSnapshotServersModelListIsCheckedWithTheDocumentedTaskTypes() throws Exception {
    ModelCheck check = ModelCheck.of(inventoryOf(EmbeddedProfile.SNAPSHOT));

    ModelCheck.Verdict base = check.check("acestep-v15-base", "lego");
    ModelCheck.Verdict unknown = check.check("acestep-v15-xl", "text2music");

    assertThat(base).isInstanceOf(ModelCheck.Ok.class);
    assertThat(((ModelCheck.Ok) base).source()).isEqualTo(ModelCheck.Source.DOCUMENTED);
    assertThat(unknown).isInstanceOf(ModelCheck.UnknownModel.class);
  }

  @Test
  void offlineEveryNameIsAcceptedAndTaskTypesFollowTheDocumentedLists() {
    ModelCheck check = ModelCheck.offline();

    assertThat(check.check("my-own-sft", "complete")).isInstanceOf(ModelCheck.Ok.class);
    assertThat(check.check("acestep-v15-turbo-shift3", "extract").code())
        .isEqualTo("task-not-supported");
    assertThat(check.check(Optional.empty(), "cover-nofsq").ok()).isTrue();
    assertThat(check.check("acestep-v15-base", "continuation").message())
        .endsWith(
            "it runs text2music, repaint, cover, cover-nofsq, extract, lego, complete"
                + " (documented lists)");
  }
}
