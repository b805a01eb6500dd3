package dev.acepipe.run;

import dev.acepipe.album.Album;
import dev.acepipe.album.AlbumOptions;
import dev.acepipe.album.AlbumTags;
import dev.acepipe.album.AlbumTrack;
import dev.acepipe.album.AlbumWriter;
import dev.acepipe.audio.AudioFormat;
import dev.acepipe.exec.RunResult;
import dev.acepipe.exec.StepReport;
import dev.acepipe.exec.TakeResult;
import dev.acepipe.plan.PlannedAlbum;
import dev.acepipe.store.OutputGuard;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a plan's {@code album:} after a run: the numbered track files, {@code album.m3u8} and
 * {@code tracklist.json}, through {@link AlbumWriter} (atomic, all or nothing).
 */
public final class AlbumOutputs {
  private AlbumOutputs() {}

  /**
   * Writes {@code album} from the takes of {@code result}.
   *
   * @throws IllegalStateException naming the track when its step has no output (neither rendered
   *     nor taken from the store) or lacks the take
   * @throws IOException when a file cannot be read or written (nothing is left half-written)
   */
  /**
   * The per-track loudness report of a normalized album, one line a track: integrated loudness,
   * true peak and loudness range before → after, and the gain; empty when the album was not
   * normalized.
   */
  public static List<String> loudnessReport(Album album) {
    List<String> lines = new ArrayList<>();
    for (dev.acepipe.album.WrittenTrack t : album.tracks()) {
      t.normalization()
          .ifPresent(
              l ->
                  lines.add(
                      String.format(
                          java.util.Locale.ROOT,
                          "  %02d %s: %s -> %s LUFS, true peak %s -> %s dBTP, LRA %s -> %s LU, gain %+.2f dB%s",
                          t.number(),
                          t.file().getFileName(),
                          f(l.before().integratedLufs()),
                          f(l.after().integratedLufs()),
                          f(l.before().truePeakDbtp()),
                          f(l.after().truePeakDbtp()),
                          f(l.before().loudnessRangeLu()),
                          f(l.after().loudnessRangeLu()),
                          l.gainDb(),
                          l.peakLimited() ? " (held at the true-peak ceiling)" : "")));
    }
    return lines;
  }

  private static String f(double db) {
    return Double.isInfinite(db) ? "-inf" : String.format(java.util.Locale.ROOT, "%.1f", db);
  }

  public static Album write(PlannedAlbum album, RunResult result, Path projectDir)
      throws IOException {
    return write(album, result, projectDir, AlbumTags.NONE);
  }

  /** As {@link #write(PlannedAlbum, RunResult, Path)}, tagging every track with {@code tags}. */
  public static Album write(PlannedAlbum album, RunResult result, Path projectDir, AlbumTags tags)
      throws IOException {
    List<AlbumTrack> tracks = new ArrayList<>();
    for (PlannedAlbum.Track t : album.tracks()) {
      StepReport step =
          result
              .step(t.source().step())
              .filter(s -> s.state().hasOutput())
              .orElseThrow(
                  () ->
                      new IllegalStateException(
                          "album track "
                              + t.number()
                              + " '"
                              + t.title()
                              + "': step "
                              + t.source().step()
                              + " has no output"));
      if (t.source().take() >= step.takes().size()) {
        throw new IllegalStateException(
            "album track "
                + t.number()
                + " '"
                + t.title()
                + "': "
                + t.source()
                + " has only "
                + step.takes().size()
                + " take(s)");
      }
      TakeResult take = step.takes().get(t.source().take());
      tracks.add(
          new AlbumTrack(
              t.title(),
              take.localPath(),
              t.source().toString(),
              take.seedSent(),
              take.sha256(),
              take.audio().durationSeconds()));
    }
    AudioFormat format = AudioFormat.byName(album.format()).orElse(AudioFormat.FLAC);
    AlbumOptions options = AlbumOptions.of(format);
    if (album.loudnessTarget().isPresent()) {
      options =
          options
              .normalizedTo(album.loudnessTarget().getAsDouble())
              .withPeakCeiling(album.mastering().truePeakCeiling())
              .withAlbumGain(album.mastering().albumGain());
    }
    Path dir = projectDir.resolve(album.dir()).normalize();
    String refused = OutputGuard.placement(projectDir, dir).orElse(null);
    if (refused != null) {
      throw new IOException("album dir " + album.dir() + " " + refused);
    }
    return new AlbumWriter(tags).write(tracks, dir, options);
  }
}
