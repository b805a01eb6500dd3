package dev.acepipe.audio.tag;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrackTagsTest {
  @TempDir Path dir;

  private static final Lineage LINEAGE =
      new Lineage("album", "hook[mood=dark]", "v1-abc", 42, "acestep-v15-turbo", "0.1.0");
  private static final TrackInfo TRACK =
      new TrackInfo("Hold the Light", "acepipe examples", "Silver River", 2, 5);

  @Test
  void flacGetsVorbisCommentsAPlayerShowsAndKeepsItsSamplesAndLineage() throws Exception {
    Path f = TestAudio.flac(dir.resolve("t.flac"));
    byte[] before = TestAudio.decode(f);

    TrackTags.write(f, TRACK, LINEAGE);

    assertThat(TrackTags.read(f))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "TITLE",
                "Hold the Light",
                "ARTIST",
                "acepipe examples",
                "ALBUM",
                "Silver River",
                "TRACKNUMBER",
                "2",
                "TRACKTOTAL",
                "5"));
    assertThat(LineageTags.read(f)).contains(LINEAGE);
    assertThat(TestAudio.decode(f)).isEqualTo(before);
  }

  @Test
  void mp3GetsId3TextFramesWithTrackNumberOverTotal() throws Exception {
    Path f = TestAudio.mp3(dir.resolve("t.mp3"));

    TrackTags.write(f, TRACK, LINEAGE);

    assertThat(TrackTags.read(f))
        .containsEntry("TIT2", "Hold the Light")
        .containsEntry("TPE1", "acepipe examples")
        .containsEntry("TALB", "Silver River")
        .containsEntry("TRCK", "2/5");
    assertThat(LineageTags.read(f)).contains(LINEAGE);
  }

  @Test
  void wavGetsRiffInfoItemsBesideItsLineage() throws Exception {
    Path f = TestAudio.wav(dir.resolve("t.wav"));
    byte[] before = TestAudio.decode(f);

    TrackTags.write(f, TRACK, LINEAGE);

    assertThat(TrackTags.read(f))
        .containsEntry("INAM", "Hold the Light")
        .containsEntry("IART", "acepipe examples")
        .containsEntry("IPRD", "Silver River")
        .containsEntry("ITRK", "2/5");
    assertThat(LineageTags.read(f)).contains(LINEAGE);
    assertThat(TestAudio.decode(f)).isEqualTo(before);
  }

  @Test
  void retaggingReplacesTheTrackFieldsAndDropsAnArtistNoLongerNamed() throws Exception {
    Path f = TestAudio.flac(dir.resolve("t.flac"));
    TrackTags.write(f, TRACK, LINEAGE);

    TrackTags.write(f, new TrackInfo("Intro", null, "Silver River", 1, 5), null);

    assertThat(TrackTags.read(f))
        .containsEntry("TITLE", "Intro")
        .containsEntry("TRACKNUMBER", "1")
        .doesNotContainKey("ARTIST");
    assertThat(LineageTags.read(f)).contains(LINEAGE);
  }

  @Test
  void lineageOnlyRewritesLeaveTheTrackFieldsAlone() throws Exception {
    Path f = TestAudio.mp3(dir.resolve("t.mp3"));
    TrackTags.write(f, TRACK, null);

    LineageTags.write(f, LINEAGE);

    assertThat(TrackTags.read(f)).containsEntry("TIT2", "Hold the Light");
    assertThat(LineageTags.read(f)).contains(LINEAGE);
  }
}
