package dev.acepipe.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.acepipe.audio.AudioFiles;
import dev.acepipe.audio.AudioFormat;
import dev.acepipe.audio.tag.LineageTags;
import dev.acepipe.audio.tag.TrackTags;
import dev.acepipe.cli.ExitCodes;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a run leaves a user: converted and tagged {@code outputs:}, tagged album tracks, readable
 * files.
 */
class OutputFilesRunTest {
  @TempDir Path project;

  private static final String PIPELINE =
      """
      version: 1
      name: keepers
      seed: 11
      defaults:
        duration: 10
        audio_format: flac
        lyrics: "[inst]"
      steps:
        one:
          type: generate
          prompt: warm piano
        two:
          type: generate
          prompt: soft strings
        keeper:
          type: select
          from: two
          pick: longest
      outputs:
        one: out/one.mp3
        two: out/two.wav
      album:
        title: Quiet Hours
        artist: The Testers
        format: mp3
        dir: out/album
        tracks:
          - {step: one, title: First Light}
          - {step: keeper, title: Last Light}
      """;

  @Test
  void outputsAreConvertedToTheirExtensionAndAlbumTracksCarryPlayerTagsAndLineage()
      throws Exception {
    Files.writeString(project.resolve("p.yaml"), PIPELINE);

    EngineRun run = EngineRun.of("run", project.resolve("p.yaml").toString());

    assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCodes.OK);
    assertThat(AudioFiles.detect(project.resolve("out/one.mp3"))).isEqualTo(AudioFormat.MP3);
    assertThat(AudioFiles.detect(project.resolve("out/two.wav"))).isEqualTo(AudioFormat.WAV);
    assertThat(LineageTags.read(project.resolve("out/one.mp3")))
        .hasValueSatisfying(l -> assertThat(l.step()).isEqualTo("one"));
    Path track = project.resolve("out/album/02 - Last Light.mp3");
    assertThat(TrackTags.read(track))
        .containsEntry("TIT2", "Last Light")
        .containsEntry("TPE1", "The Testers")
        .containsEntry("TALB", "Quiet Hours")
        .containsEntry("TRCK", "2/2");
    // The track comes from a select step; its lineage names the step that rendered the audio.
    assertThat(LineageTags.read(track))
        .hasValueSatisfying(
            l -> {
              assertThat(l.pipeline()).isEqualTo("keepers");
              assertThat(l.step()).isEqualTo("two");
              assertThat(l.fingerprint()).startsWith("v");
            });
    JsonNode tracklist =
        new ObjectMapper().readTree(project.resolve("out/album/tracklist.json").toFile());
    assertThat(tracklist.path("title").asText()).isEqualTo("Quiet Hours");
    assertThat(tracklist.path("artist").asText()).isEqualTo("The Testers");
    assertThat(tracklist.path("tracks").get(1).path("sha256").asText())
        .isEqualTo(AudioFiles.sha256(track));
  }

  @Test
  void everyFileARunWritesIsCreatedWithTheUmaskNotOwnerOnly() throws Exception {
    Assumptions.assumeTrue(
        FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
    Path probe = Files.createFile(project.resolve("umask-probe"));
    Set<PosixFilePermission> umask = Files.getPosixFilePermissions(probe);
    Assumptions.assumeTrue(
        umask.contains(PosixFilePermission.OTHERS_READ), "the umask hides files from others");
    Files.writeString(project.resolve("p.yaml"), PIPELINE);

    EngineRun run = EngineRun.of("run", project.resolve("p.yaml").toString(), "--report");

    assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCodes.OK);
    List<Path> written;
    try (Stream<Path> walk = Files.walk(project)) {
      written = walk.filter(Files::isRegularFile).filter(p -> !p.equals(probe)).toList();
    }
    assertThat(written)
        .anyMatch(p -> p.toString().contains("takes"))
        .anyMatch(p -> p.endsWith("report.html"))
        .anyMatch(p -> p.toString().contains("album"));
    for (Path p : written) {
      if (p.toString().contains(".acepipe/journal")
          || p.getFileName().toString().endsWith(".lock")) {
        continue;
      }
      assertThat(Files.getPosixFilePermissions(p))
          .as(p.toString())
          .contains(PosixFilePermission.OTHERS_READ);
    }
  }
}
