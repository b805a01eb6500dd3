package dev.acepipe.audio.tag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class LineageTagsTest {
  private static final Lineage LINEAGE =
      new Lineage(
          "night-drive",
          "variations[mood=dark]",
          "v1-" + "ab".repeat(32),
          135262643L,
          "acestep-v15-turbo",
          "0.1.0");

  @TempDir Path dir;

  interface Maker {
    Path make(Path file) throws Exception;
  }

  static Stream<Arguments> formats() {
    return Stream.of(
        Arguments.of("wav", (Maker) TestAudio::wav, Container.WAV),
        Arguments.of("flac", (Maker) TestAudio::flac, Container.FLAC),
        Arguments.of("mp3", (Maker) TestAudio::mp3, Container.MP3));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("formats")
  void lineageWrittenIntoAFileReadsBack(String ext, Maker maker, Container container)
      throws Exception {
    Path file = maker.make(dir.resolve("take." + ext));

    LineageTags.write(file, LINEAGE);

    assertThat(LineageTags.containerOf(file)).isEqualTo(container);
    assertThat(LineageTags.read(file)).contains(LINEAGE);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("formats")
  void taggedFileDecodesToTheSameSamplesAsBefore(String ext, Maker maker, Container container)
      throws Exception {
    Path file = maker.make(dir.resolve("take." + ext));
    byte[] before = TestAudio.decode(file);

    LineageTags.write(file, LINEAGE);

    byte[] after = TestAudio.decode(file);
    assertThat(before).hasSizeGreaterThan(10_000);
    assertThat(after).isEqualTo(before);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("formats")
  void taggingAgainReplacesTheLineageInsteadOfAddingASecondOne(
      String ext, Maker maker, Container container) throws Exception {
    Path file = maker.make(dir.resolve("take." + ext));
    LineageTags.write(file, LINEAGE);
    long onceSize = Files.size(file);
    Lineage rerolled =
        new Lineage(
            "night-drive",
            "variations[mood=dark]",
            "v1-" + "cd".repeat(32),
            987654321L,
            "acestep-v15-turbo",
            "0.1.0");

    LineageTags.write(file, rerolled);

    assertThat(LineageTags.read(file)).contains(rerolled);
    assertThat(Files.size(file)).isEqualTo(onceSize);
    assertThat(TestAudio.decode(file)).hasSizeGreaterThan(10_000);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("formats")
  void anUntaggedFileHasNoLineage(String ext, Maker maker, Container container) throws Exception {
    Path file = maker.make(dir.resolve("take." + ext));

    assertThat(LineageTags.read(file)).isEmpty();
  }

  @Test
  void wavRiffSizeStaysTheFileLengthMinusEight() throws Exception {
    Path file = TestAudio.wav(dir.resolve("take.wav"));

    LineageTags.write(file, LINEAGE);

    byte[] bytes = Files.readAllBytes(file);
    long riffSize =
        (bytes[4] & 0xffL)
            | (bytes[5] & 0xffL) << 8
            | (bytes[6] & 0xffL) << 16
            | (bytes[7] & 0xffL) << 24;
    assertThat(riffSize).isEqualTo(bytes.length - 8);
    assertThat(new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1))
        .contains("LIST")
        .contains("INFOISFT");
  }

  @Test
  void flacKeepsItsOtherVorbisComments() throws Exception {
    Path file = TestAudio.flac(dir.resolve("take.flac"));
    LineageTags.write(file, LINEAGE);

    LineageTags.write(file, LINEAGE);

    assertThat(LineageTags.fields(file)).hasSize(6);
  }

  @Test
  void aFileThatIsNoAudioIsRefusedAndLeftUntouched() throws Exception {
    Path file = Files.writeString(dir.resolve("notes.txt"), "hello");

    assertThatThrownBy(() -> LineageTags.write(file, LINEAGE))
        .isInstanceOf(TagException.class)
        .hasMessageContaining("is not a WAV, FLAC or MP3 file");
    assertThat(file).hasContent("hello");
  }

  @Test
  void aTruncatedFlacIsRefusedAndLeftUntouched() throws Exception {
    Path file = dir.resolve("cut.flac");
    Files.write(file, new byte[] {'f', 'L', 'a', 'C', 0, 0, 0, 34, 1, 2});

    assertThatThrownBy(() -> LineageTags.write(file, LINEAGE))
        .isInstanceOf(TagException.class)
        .hasMessageContaining("truncated");
    assertThat(Files.size(file)).isEqualTo(10);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("formats")
  void theLoraAdaptersAndTheSwitchedModelOfATakeReadBack(
      String ext, Maker maker, Container container) throws Exception {
    Path file = maker.make(dir.resolve("take." + ext));
    Lineage withAdapters =
        new Lineage(
            "night-drive",
            "stems",
            "v1-" + "ef".repeat(32),
            7L,
            "acestep-v15-base",
            "0.1.0",
            "http://gpu-1:8001 (ACE-Step 1.0, newer generation)",
            null,
            "jazz@0.8 (/srv/loras/jazz), voice@1.0 (/srv/loras/voice.safetensors)");

    LineageTags.write(file, withAdapters);

    assertThat(LineageTags.read(file)).contains(withAdapters);
    assertThat(LineageTags.fields(file))
        .containsEntry(
            "ACEPIPE_LORA", "jazz@0.8 (/srv/loras/jazz), voice@1.0 (/srv/loras/voice.safetensors)")
        .containsEntry("ACEPIPE_MODEL", "acestep-v15-base");
  }

  @Test
  void aTakeWithoutAdaptersCarriesNoLoraField() throws Exception {
    Path file = TestAudio.flac(dir.resolve("take.flac"));

    LineageTags.write(file, LINEAGE);

    assertThat(LineageTags.fields(file)).doesNotContainKey("ACEPIPE_LORA");
    assertThat(LineageTags.read(file).orElseThrow().lora()).isNull();
  }

  @Test
  void lineageValuesMustBeSingleLines() {
    assertThatThrownBy(() -> new Lineage("a\nb", "s", "f", 1, "m", "v"))
        .hasMessageContaining("one line");
  }
}
