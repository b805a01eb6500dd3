package dev.acepipe.album;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.acepipe.audio.AudioFiles;
import dev.acepipe.audio.AudioFormat;
import dev.acepipe.audio.Pcm;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AlbumWriterTest {
  @TempDir Path dir;

  private final AlbumWriter writer = new AlbumWriter();

  private AlbumTrack track(
      String title, String file, AudioFormat format, Pcm pcm, String step, long seed)
      throws IOException {
    Path source = dir.resolve("takes").resolve(file);
    AudioFiles.write(pcm, format, source);
    return new AlbumTrack(
        title, source, step, seed, AudioFiles.sha256(source), pcm.durationSeconds());
  }

  private static List<String> listing(Path out) throws IOException {
    try (Stream<Path> s = Files.list(out)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void writesNumberedFilesPlaylistAndTracklistCopyingSameFormatSources() throws IOException {
    AlbumTrack one =
        track("Night Drive", "a.flac", AudioFormat.FLAC, TestSignals.music(2, -6, 1), "draft", 11);
    AlbumTrack two =
        track(
            "Rain: Part 2/3",
            "b.flac",
            AudioFormat.FLAC,
            TestSignals.music(3, -6, 2),
            "hook[mood=dark]",
            12);
    Path out = dir.resolve("album");

    Album album = writer.write(List.of(one, two), out, AlbumOptions.of(AudioFormat.FLAC));

    assertThat(listing(out))
        .containsExactly(
            "01 - Night Drive.flac", "02 - Rain_ Part 2_3.flac", "album.m3u8", "tracklist.json");
    assertThat(Files.readAllBytes(out.resolve("01 - Night Drive.flac")))
        .isEqualTo(Files.readAllBytes(one.source()));
    assertThat(album.tracks()).extracting(WrittenTrack::transcoded).containsExactly(false, false);
    assertThat(Files.readString(out.resolve("album.m3u8"), StandardCharsets.UTF_8))
        .isEqualTo(
            "#EXTM3U\n"
                + "#EXTINF:2,Night Drive\n01 - Night Drive.flac\n"
                + "#EXTINF:3,Rain: Part 2/3\n02 - Rain_ Part 2_3.flac\n");
  }

  @Test
  void tracklistRecordsTitleFileDurationStepSeedAndTheWrittenFilesHash() throws IOException {
    AlbumTrack one =
        track("Intro", "a.wav", AudioFormat.WAV, TestSignals.music(2, -6, 1), "intro", 7);
    Path out = dir.resolve("album");

    writer.write(List.of(one), out, AlbumOptions.of(AudioFormat.FLAC));

    JsonNode json = new ObjectMapper().readTree(out.resolve("tracklist.json").toFile());
    JsonNode t = json.get("tracks").get(0);
    assertThat(json.get("format").asText()).isEqualTo("flac");
    assertThat(t.get("number").asInt()).isEqualTo(1);
    assertThat(t.get("title").asText()).isEqualTo("Intro");
    assertThat(t.get("file").asText()).isEqualTo("01 - Intro.flac");
    assertThat(t.get("duration").asDouble()).isEqualTo(2.0);
    assertThat(t.get("source_step").asText()).isEqualTo("intro");
    assertThat(t.get("seed").asLong()).isEqualTo(7);
    assertThat(t.get("sha256").asText())
        .isEqualTo(AudioFiles.sha256(out.resolve("01 - Intro.flac")));
    assertThat(t.get("source_sha256").asText()).isEqualTo(one.sha256());
    assertThat(t.get("transcoded").asBoolean()).isTrue();
    assertThat(t.has("loudness")).isFalse();
  }

  @Test
  void transcodesWhenTheSourceFormatDiffers() throws IOException {
    Pcm pcm = TestSignals.music(2, -6, 3);
    AlbumTrack wav = track("Wav Source", "a.wav", AudioFormat.WAV, pcm, "s", 1);

    Album album =
        writer.write(List.of(wav), dir.resolve("album"), AlbumOptions.of(AudioFormat.FLAC));

    Path written = album.tracks().get(0).file();
    assertThat(AudioFiles.detect(written)).isEqualTo(AudioFormat.FLAC);
    assertThat(AudioFiles.read(written).sameAudio(pcm)).isTrue();
  }

  @Test
  void writesMp3AlbumsWithMp3NamesInThePlaylist() throws IOException {
    Pcm pcm = TestSignals.music(3, -6, 9);
    AlbumTrack flac = track("Radio Edit", "r.flac", AudioFormat.FLAC, pcm, "edit", 5);
    Path out = dir.resolve("album");

    Album album = writer.write(List.of(flac), out, AlbumOptions.of(AudioFormat.MP3));

    WrittenTrack t = album.tracks().get(0);
    assertThat(t.file().getFileName().toString()).isEqualTo("01 - Radio Edit.mp3");
    assertThat(AudioFiles.detect(t.file())).isEqualTo(AudioFormat.MP3);
    assertThat(t.durationSeconds()).isEqualTo(3.0);
    assertThat(Files.readString(out.resolve("album.m3u8")))
        .contains("#EXTINF:3,Radio Edit\n01 - Radio Edit.mp3\n");
  }

  @Test
  void normalizesEveryTrackToTheTargetAndReportsBeforeAndAfter() throws IOException {
    AlbumTrack quiet =
        track("Quiet", "q.flac", AudioFormat.FLAC, TestSignals.music(6, -24, 4), "q", 1);
    AlbumTrack loud =
        track("Loud", "l.flac", AudioFormat.FLAC, TestSignals.music(6, -0.3, 5), "l", 2);
    Path out = dir.resolve("album");

    Album album =
        writer.write(
            List.of(quiet, loud), out, AlbumOptions.of(AudioFormat.FLAC).normalizedTo(-16));

    for (WrittenTrack t : album.tracks()) {
      assertThat(Loudness.measure(t.file()).integratedLufs()).isCloseTo(-16, within(0.5));
      assertThat(t.normalization()).isPresent();
    }
    JsonNode json = new ObjectMapper().readTree(out.resolve("tracklist.json").toFile());
    assertThat(json.get("loudness_target_lufs").asDouble()).isEqualTo(-16.0);
    JsonNode first = json.get("tracks").get(0).get("loudness");
    assertThat(first.get("before_lufs").asDouble()).isLessThan(-25);
    assertThat(first.get("after_lufs").asDouble()).isCloseTo(-16, within(0.5));
    assertThat(first.get("gain_db").asDouble()).isGreaterThan(9);
    assertThat(first.get("peak_limited").asBoolean()).isFalse();
    assertThat(json.get("tracks").get(1).get("loudness").get("gain_db").asDouble()).isNegative();
  }

  @Test
  void noTrackCrossesTheTruePeakCeilingAfterItsGain() throws IOException {
    // A loud, peaky track that a plain gain to -9 LUFS would push well past 0 dBFS.
    AlbumTrack peaky =
        track("Peaky", "p.flac", AudioFormat.FLAC, TestSignals.music(6, -1, 6), "p", 1);
    Path out = dir.resolve("album");

    Album album =
        writer.write(
            List.of(peaky),
            out,
            AlbumOptions.of(AudioFormat.FLAC).normalizedTo(-9).withPeakCeiling(-1.5));

    LoudnessMeasurement written = Loudness.measure(album.tracks().get(0).file());
    assertThat(written.truePeakDbtp()).isLessThanOrEqualTo(-1.5);
    assertThat(album.tracks().get(0).loudness().peakLimited()).isTrue();
    JsonNode json = new ObjectMapper().readTree(out.resolve("tracklist.json").toFile());
    assertThat(json.get("true_peak_ceiling_dbtp").asDouble()).isEqualTo(-1.5);
    JsonNode l = json.get("tracks").get(0).get("loudness");
    assertThat(l.get("true_peak_after_dbtp").asDouble()).isLessThanOrEqualTo(-1.5);
    assertThat(l.has("lra_before_lu")).isTrue();
    assertThat(l.has("lra_after_lu")).isTrue();
  }

  @Test
  void albumGainModeKeepsTheTracksRelativeLoudnessAndBringsTheAlbumToTheTarget()
      throws IOException {
    AlbumTrack quiet =
        track("Quiet", "q.flac", AudioFormat.FLAC, TestSignals.music(6, -30, 4), "q", 1);
    AlbumTrack louder =
        track("Louder", "l.flac", AudioFormat.FLAC, TestSignals.music(6, -24, 5), "l", 2);
    double gap =
        Loudness.measure(louder.source()).integratedLufs()
            - Loudness.measure(quiet.source()).integratedLufs();
    Path out = dir.resolve("album");

    Album album =
        writer.write(
            List.of(quiet, louder),
            out,
            AlbumOptions.of(AudioFormat.FLAC).normalizedTo(-18).withAlbumGain(true));

    double a = Loudness.measure(album.tracks().get(0).file()).integratedLufs();
    double b = Loudness.measure(album.tracks().get(1).file()).integratedLufs();
    assertThat(b - a).isCloseTo(gap, within(0.1));
    assertThat(Loudness.albumLufs(album.tracks().stream().map(WrittenTrack::file).toList()))
        .isCloseTo(-18, within(0.3));
    assertThat(album.tracks().get(0).loudness().gainDb())
        .isCloseTo(album.tracks().get(1).loudness().gainDb(), within(1e-9));
    JsonNode json = new ObjectMapper().readTree(out.resolve("tracklist.json").toFile());
    assertThat(json.get("loudness_mode").asText()).isEqualTo("album");
    assertThat(json.get("album_lufs_before").asDouble()).isLessThan(-18);
  }

  @Test
  void normalizedMp3ReportsTheLoudnessOfTheWrittenFile() throws IOException {
    AlbumTrack quiet =
        track("Quiet", "q.flac", AudioFormat.FLAC, TestSignals.music(6, -20, 6), "q", 1);
    AlbumOptions mp3 = AlbumOptions.of(AudioFormat.MP3).normalizedTo(-16);

    Album album = writer.write(List.of(quiet), dir.resolve("album"), mp3);

    WrittenTrack t = album.tracks().get(0);
    LoudnessMeasurement file = Loudness.measure(t.file());
    assertThat(t.normalization().orElseThrow().after()).isEqualTo(file);
    assertThat(file.integratedLufs()).isCloseTo(-16, within(0.2));
  }

  @Test
  void silentTrackIsWrittenUnchangedWithNullLoudnessInTheTracklist() throws IOException {
    AlbumTrack silence =
        track("Pause", "s.wav", AudioFormat.WAV, Pcm.silence(48_000, 2, 48_000), "pause", 3);
    Path out = dir.resolve("album");

    writer.write(List.of(silence), out, AlbumOptions.of(AudioFormat.WAV).normalizedTo(-14));

    JsonNode l =
        new ObjectMapper()
            .readTree(out.resolve("tracklist.json").toFile())
            .get("tracks")
            .get(0)
            .get("loudness");
    assertThat(l.get("before_lufs").isNull()).isTrue();
    assertThat(l.get("gain_db").asDouble()).isZero();
  }

  @Test
  void aFailingTrackLeavesTheOutputDirectoryAsItWas() throws IOException {
    Path out = dir.resolve("album");
    Files.createDirectories(out);
    Files.writeString(out.resolve("tracklist.json"), "{\"old\": true}");
    AlbumTrack good =
        track("Good", "g.flac", AudioFormat.FLAC, TestSignals.music(1, -6, 1), "g", 1);
    Path broken = dir.resolve("takes").resolve("broken.flac");
    Files.writeString(broken, "fLaC but not really audio");
    AlbumTrack bad = new AlbumTrack("Bad", broken, "b", 2, AudioFiles.sha256(broken), 1);

    assertThatThrownBy(
            () -> writer.write(List.of(good, bad), out, AlbumOptions.of(AudioFormat.WAV)))
        .isInstanceOf(AlbumException.class)
        .hasMessageStartingWith("track 2 'Bad': ");

    assertThat(listing(out)).containsExactly("tracklist.json");
    assertThat(Files.readString(out.resolve("tracklist.json"))).isEqualTo("{\"old\": true}");
  }

  @Test
  void refusesASourceWhoseHashNoLongerMatches() throws IOException {
    AlbumTrack t =
        track("Changed", "c.flac", AudioFormat.FLAC, TestSignals.music(1, -6, 1), "c", 1);
    AlbumTrack wrongHash =
        new AlbumTrack(t.title(), t.source(), t.sourceStep(), t.seed(), "0".repeat(64), 1);
    Path out = dir.resolve("album");

    assertThatThrownBy(
            () -> writer.write(List.of(wrongHash), out, AlbumOptions.of(AudioFormat.FLAC)))
        .isInstanceOf(AlbumException.class)
        .hasMessageContaining("track 1 'Changed'")
        .hasMessageContaining("expected " + "0".repeat(64));
    assertThat(listing(out)).isEmpty();
  }

  @Test
  void missingSourceNamesTheTrack() {
    AlbumTrack t = new AlbumTrack("Gone", dir.resolve("nope.flac"), "g", 1, "a".repeat(64), 1);

    assertThatThrownBy(
            () -> writer.write(List.of(t), dir.resolve("album"), AlbumOptions.of(AudioFormat.FLAC)))
        .isInstanceOf(AlbumException.class)
        .hasMessageContaining("track 1 'Gone': source")
        .hasMessageContaining("does not exist");
  }

  @Test
  void rewritingAnAlbumReplacesItsFiles() throws IOException {
    Path out = dir.resolve("album");
    AlbumTrack first =
        track("Song", "a.flac", AudioFormat.FLAC, TestSignals.music(1, -6, 1), "s", 1);
    AlbumTrack second =
        track("Song", "b.flac", AudioFormat.FLAC, TestSignals.music(1, -6, 2), "s", 2);
    writer.write(List.of(first), out, AlbumOptions.of(AudioFormat.FLAC));

    writer.write(List.of(second), out, AlbumOptions.of(AudioFormat.FLAC));

    assertThat(listing(out)).containsExactly("01 - Song.flac", "album.m3u8", "tracklist.json");
    assertThat(AudioFiles.sha256(out.resolve("01 - Song.flac"))).isEqualTo(second.sha256());
  }

  @Test
  void rejectsBadTracksAndOptions() {
    assertThatThrownBy(() -> new AlbumTrack(" ", dir, "s", 1, "a".repeat(64), 1))
        .hasMessageContaining("blank");
    assertThatThrownBy(() -> new AlbumTrack("T", dir, "s", 1, "xyz", 1))
        .hasMessageContaining("not a SHA-256");
    assertThatThrownBy(() -> AlbumOptions.of(AudioFormat.FLAC).normalizedTo(5))
        .hasMessageContaining("target loudness");
    assertThatThrownBy(() -> writer.write(List.of(), dir, AlbumOptions.of(AudioFormat.FLAC)))
        .hasMessageContaining("at least one track");
  }
}
