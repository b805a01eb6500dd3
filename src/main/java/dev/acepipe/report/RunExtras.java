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
import java.util.List;

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
  RunManifest.Album albumDocument(Path projectDir) {
    if (album == null) {
      return null;
    }
    List<RunManifest.Track> tracks = new ArrayList<>();
    for (WrittenTrack t : album.tracks()) {
      java.util.Optional<TrackLoudness> l = loudness(t);
      tracks.add(
          new RunManifest.Track(
              t.number(),
              TrackNames.displayTitle(t.track().title()),
              relative(projectDir, t.file()),
              t.durationSeconds(),
              t.track().sourceStep(),
              t.track().seed(),
              t.loudness() != null,
              l.map(x -> level(x.before().integratedLufs())).orElse(null),
              l.map(x -> level(x.after().integratedLufs())).orElse(null),
              l.map(x -> level(x.before().samplePeakDbfs())).orElse(null),
              l.map(x -> level(x.after().samplePeakDbfs())).orElse(null),
              l.map(TrackLoudness::gainDb).orElse(null)));
    }
    return new RunManifest.Album(
        plannedAlbum == null ? null : plannedAlbum.title(),
        plannedAlbum == null ? null : plannedAlbum.artistName().orElse(null),
        relative(projectDir, album.directory()),
        relative(projectDir, album.playlist()),
        relative(projectDir, album.tracklist()),
        tracks);
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
