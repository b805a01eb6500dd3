package dev.acepipe.report.html;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportGlanceTest {
  @TempDir Path runDir;

  private String html() throws Exception {
    SampleRuns.writeAudio(runDir);
    return Files.readString(HtmlReport.write(SampleRuns.albumRun(), runDir));
  }

  @Test
  void eachCardShowsPromptBpmKeyAndDurationAtAGlance() throws Exception {
    String html = html();

    assertThat(html)
        .contains("<div class=\"glance\"><q>dream pop, shimmering guitars")
        .contains(
            "<span class=\"chip\">96 bpm</span><span class=\"chip\">D major</span><span class=\"chip\">2 s</span>");
  }

  @Test
  void whatTheServerUsedIsShownWhereItDiffersFromTheRequest() throws Exception {
    assertThat(html())
        .contains("server used: bpm 104 (asked 96); key E minor (asked D major)")
        .doesNotContain("duration 2 s (asked");
  }

  @Test
  void aSelectStepShowsItsReason() throws Exception {
    assertThat(html())
        .contains(
            "<p class=\"reason\">loudest: hook[mood=bright,tempo=slow,texture=glassy]#1 at "
                + "-22.6 LUFS</p>");
  }

  @Test
  void eachTakeShowsTheSeedItWasRenderedWithNotTheBatchSeedTwice() throws Exception {
    String html = html();

    assertThat(html).contains("<dt>seeds</dt><dd>2103709287, 2103709288</dd>");
    assertThat(html)
        .contains("take 1 \u00b7 2.00 s \u00b7 seed 2103709288 (batch seed sent 2103709287)");
  }

  @Test
  void theHeaderSaysWhichServerRenderedAndListsTheOutputFilesAndTheAlbum() throws Exception {
    String html = html();

    assertThat(html)
        .contains("<dt>rendered by</dt><dd>embedded synthesizer (procedural, not AI)</dd>");
    assertThat(html)
        .contains("<h2>Output files</h2>")
        .contains(
            "<a href=\"../../../out/a-rather-long-directory-name/single-final-master-version.mp3\">")
        .contains("not written: step produced 1 take(s)");
    assertThat(html)
        .contains("<h2>Album: Silver River \u00b7 acepipe examples</h2>")
        .contains("playlist <a href=\"../../../out/album/album.m3u8\">album.m3u8</a>")
        .contains(
            "<a href=\"../../../out/album/01%20-%20Hold%20the%20Light.flac\">Hold the Light</a>")
        .contains(
            "<td class=\"num\">-22.6</td><td class=\"num\">-14.0</td><td class=\"num\">-9.1</td>"
                + "<td class=\"num\">-1.2</td>");
  }

  @Test
  void theManifestGivesTheReportItsRendererOutputsAlbumFieldsAndPerTakeSeeds() throws Exception {
    JsonNode manifest =
        new ObjectMapper()
            .readTree(
                """
        {"run_id": "r1", "pipeline": "album.yaml", "name": "album", "server": "http://127.0.0.1:5",
         "renderer": "embedded synthesizer (procedural, not AI)", "outcome": "succeeded",
         "started_at": "2026-11-25T10:00:00Z", "finished_at": "2026-11-25T10:00:09Z",
         "steps": [{"id": "hook", "kind": "generate", "state": "succeeded", "attempts": 1,
           "started_at": "2026-11-25T10:00:00Z", "finished_at": "2026-11-25T10:00:05Z",
           "fields": {"bpm": 104.0, "key": "E minor", "reason": null},
           "takes": [{"index": 0, "local_path": ".acepipe/runs/r1/takes/hook/0.flac", "seed_sent": 7,
                      "seed_reported": "7,8"},
                     {"index": 1, "local_path": ".acepipe/runs/r1/takes/hook/1.flac", "seed_sent": 7,
                      "seed_reported": "7,8"}]}],
         "outputs": [{"step": "hook#1", "path": "out/hook.mp3", "written": true}],
         "album": {"title": "Silver River", "artist": null, "dir": "out/album", "playlist": "out/album/album.m3u8",
           "tracks": [{"number": 1, "title": "Hook", "file": "out/album/01 - Hook.flac", "duration": 10.0,
             "source_step": "hook#0", "normalized": true, "lufs_before": -22.6, "lufs_after": -14.0,
             "peak_before_dbfs": -9.1, "peak_after_dbfs": null}]}}
        """);

    RunReport r = RunManifests.read(manifest, Path.of("/p/.acepipe/runs/r1"), Map.of());

    assertThat(r.renderer()).isEqualTo("embedded synthesizer (procedural, not AI)");
    assertThat(r.steps().get(0).seeds()).containsExactly(7L, 8L);
    assertThat(r.steps().get(0).fields())
        .containsEntry("bpm", "104.0")
        .containsEntry("key", "E minor")
        .doesNotContainKey("reason");
    assertThat(r.outputs())
        .containsExactly(
            new OutputFileRun("hook#1", "out/hook.mp3", "../../../out/hook.mp3", true, ""));
    assertThat(r.album().artist()).isEmpty();
    assertThat(r.album().playlistLink()).isEqualTo("../../../out/album/album.m3u8");
    assertThat(r.album().tracks())
        .singleElement()
        .satisfies(
            t -> {
              assertThat(t.link()).isEqualTo("../../../out/album/01 - Hook.flac");
              assertThat(t.lufsBefore()).isEqualTo(-22.6);
              assertThat(t.peakAfterDbfs()).isNull();
            });
    assertThat(List.of(r.album().title())).containsExactly("Silver River");
  }
}
