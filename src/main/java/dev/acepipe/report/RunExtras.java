package dev.acepipe.report;

import dev.acepipe.album.Album;
import dev.acepipe.album.Loudness;
import dev.acepipe.album.LoudnessMeasurement;
import dev.acepipe.album.TrackLoudness;
import dev.acepipe.album.TrackNames;
import dev.acepipe.album.WrittenTrack;
import dev.acepipe.plan.PlannedAlbum;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a run's manifest records beyond the executor's result: where it rendered and the album it
 * wrote. The HTML report reads both back from the manifest.
 *
 * @param renderer the server's URL and version, or the embedded synthesizer; null when unknown
 * @param plannedAlbum the pipeline's {@code album:}, or null
 * @param album the album as written, or null when none was written
 */
public record RunExtras(String renderer, PlannedAlbum plannedAlbum, Album album) {
  public static final RunExtras NONE = new RunExtras(null, null, null);

  /** The manifest's {@code album} object, or null when no album was written. */
  Map<String, Object> albumDocument(Path projectDir) {
    if (album == null) {
      return null;
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("title", plannedAlbum == null ? null : plannedAlbum.title());
    m.put("artist", plannedAlbum == null ? null : plannedAlbum.artistName().orElse(null));
    m.put("dir", relative(projectDir, album.directory()));
    m.put("playlist", relative(projectDir, album.playlist()));
    m.put("tracklist", relative(projectDir, album.tracklist()));
    List<Object> tracks = new ArrayList<>();
    for (WrittenTrack t : album.tracks()) {
      Map<String, Object> track = new LinkedHashMap<>();
      track.put("number", t.number());
      track.put("title", TrackNames.displayTitle(t.track().title()));
      track.put("file", relative(projectDir, t.file()));
      track.put("duration", t.durationSeconds());
      track.put("source_step", t.track().sourceStep());
      track.put("seed", t.track().seed());
      track.put("normalized", t.loudness() != null);
      loudness(t)
          .ifPresent(
              l -> {
                track.put("lufs_before", level(l.before().integratedLufs()));
                track.put("lufs_after", level(l.after().integratedLufs()));
                track.put("peak_before_dbfs", level(l.before().samplePeakDbfs()));
                track.put("peak_after_dbfs", level(l.after().samplePeakDbfs()));
                track.put("gain_db", l.gainDb());
              });
      tracks.add(track);
    }
    m.put("tracks", tracks);
    return m;
  }

  /**
   * The normalization's before/after, or for an album left as rendered one measurement of the
   * written file.
   */
  private static java.util.Optional<TrackLoudness> loudness(WrittenTrack t) {
    if (t.loudness() != null) {
      return java.util.Optional.of(t.loudness());
    }
    try {
      LoudnessMeasurement m = Loudness.measure(t.file());
      return java.util.Optional.of(new TrackLoudness(m, m, 0, false));
    } catch (IOException | RuntimeException e) {
      return java.util.Optional.empty(); // the report then shows no levels for this track
    }
  }

  private static Double level(double db) {
    return Double.isFinite(db) ? Math.round(db * 100) / 100.0 : null;
  }

  private static String relative(Path projectDir, Path p) {
    Path abs = p.toAbsolutePath().normalize();
    Path base = projectDir.toAbsolutePath().normalize();
    return abs.startsWith(base)
        ? base.relativize(abs).toString().replace('\\', '/')
        : abs.toString();
  }
}
