package dev.acepipe.album;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.acepipe.audio.AudioFiles;
import dev.acepipe.audio.AudioFormat;
import dev.acepipe.audio.Pcm;
import dev.acepipe.json.JsonMappers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Writes an album: numbered track files ({@code 01 - Title.flac}), an {@code album.m3u8} playlist
 * and a {@code tracklist.json}, into one directory.
 *
 * <p>A track is transcoded through {@code dev.acepipe.audio} when its source is in another format
 * or when normalization is asked for; otherwise its bytes are copied. Each source is checked
 * against its recorded SHA-256 first.
 *
 * <p>Atomicity: everything is written into a hidden staging directory inside the output directory
 * and only moved into place once every file is complete, the track list last. A failure before that
 * leaves the output directory as it was (the staging directory is removed). Files of an earlier
 * album in the same directory that the new one does not overwrite are left alone. Thread-safe; two
 * writers must not share an output directory.
 */
public final class AlbumWriter {
  /** The playlist's file name. */
  public static final String PLAYLIST = "album.m3u8";

  /** The track list's file name. */
  public static final String TRACKLIST = "tracklist.json";

  /**
   * How far a written MP3 may miss the loudness target before it is encoded again with a corrected
   * gain.
   */
  static final double MP3_TOLERANCE_LU = 0.1;

  private final ObjectMapper json = JsonMappers.pretty();
  private final AlbumTags tags;

  public AlbumWriter() {
    this(AlbumTags.NONE);
  }

  /**
   * A writer that tags every track (title, artist, album, number/total, lineage) with {@code tags}.
   */
  public AlbumWriter(AlbumTags tags) {
    this.tags = java.util.Objects.requireNonNull(tags, "tags");
  }

  /**
   * Writes {@code tracks} (album order, at least one) into {@code directory}, creating it if
   * needed.
   *
   * @throws AlbumException when a source is missing, changed since it was rendered, or cannot be
   *     decoded; the message names the track
   * @throws IOException when the output cannot be written
   */
  public Album write(List<AlbumTrack> tracks, Path directory, AlbumOptions options)
      throws IOException {
    if (tracks.isEmpty()) {
      throw new IllegalArgumentException("an album needs at least one track");
    }
    Path out = directory.toAbsolutePath();
    Files.createDirectories(out);
    Path staging = Files.createTempDirectory(out, ".album-");
    try {
      List<WrittenTrack> written = new ArrayList<>(tracks.size());
      AlbumGain albumGain = albumGain(tracks, options);
      for (int i = 0; i < tracks.size(); i++) {
        written.add(
            tags.tag(
                stage(i + 1, tracks.size(), tracks.get(i), staging, options, albumGain),
                tracks.size()));
      }
      Files.writeString(staging.resolve(PLAYLIST), playlist(written), StandardCharsets.UTF_8);
      Files.write(
          staging.resolve(TRACKLIST),
          json.writeValueAsBytes(tags.annotate(tracklist(written, options, albumGain))));

      List<WrittenTrack> placed = new ArrayList<>(written.size());
      for (WrittenTrack t : written) {
        Path target = out.resolve(t.file().getFileName());
        move(t.file(), target);
        placed.add(
            new WrittenTrack(
                t.number(),
                t.track(),
                target,
                t.durationSeconds(),
                t.sha256(),
                t.transcoded(),
                t.loudness()));
      }
      move(staging.resolve(PLAYLIST), out.resolve(PLAYLIST));
      move(staging.resolve(TRACKLIST), out.resolve(TRACKLIST));
      deleteTree(staging);
      return new Album(out, placed, out.resolve(PLAYLIST), out.resolve(TRACKLIST));
    } catch (IOException | RuntimeException | Error e) {
      try {
        deleteTree(staging);
      } catch (IOException cleanup) {
        e.addSuppressed(cleanup);
      }
      throw e;
    }
  }

  /** The album's loudness before any gain and the one gain album mode applies to every track. */
  private record AlbumGain(double albumLufs, double gainDb) {}

  /**
   * For {@link AlbumOptions#albumGain()}: the loudness of all sources played as one programme (one
   * streaming pass each) and the gain that brings it to the target; null in per-track mode. Missing
   * sources are left to {@link #stage}, which names them.
   */
  private static AlbumGain albumGain(List<AlbumTrack> tracks, AlbumOptions options)
      throws IOException {
    if (!options.normalize() || !options.albumGain()) {
      return null;
    }
    List<Path> sources =
        tracks.stream().map(AlbumTrack::source).filter(Files::isRegularFile).toList();
    double lufs;
    try {
      lufs = Loudness.albumLufs(sources);
    } catch (IOException e) {
      throw new AlbumException("album loudness: " + e.getMessage(), e);
    }
    return new AlbumGain(lufs, Double.isFinite(lufs) ? options.targetLufs() - lufs : 0);
  }

  private static WrittenTrack stage(
      int number,
      int total,
      AlbumTrack track,
      Path staging,
      AlbumOptions options,
      AlbumGain albumGain)
      throws IOException {
    String label = "track " + number + " '" + TrackNames.displayTitle(track.title()) + "'";
    Path source = track.source();
    if (!Files.isRegularFile(source)) {
      throw new AlbumException(label + ": source " + source + " does not exist");
    }
    String actual = AudioFiles.sha256(source);
    if (!actual.equals(track.sha256())) {
      throw new AlbumException(
          label
              + ": source "
              + source
              + " has SHA-256 "
              + actual
              + ", expected "
              + track.sha256()
              + " (was it changed after it was rendered?)");
    }
    Path target =
        staging.resolve(TrackNames.fileName(number, total, track.title(), options.format()));
    try {
      AudioFormat sourceFormat = AudioFiles.detect(source);
      if (sourceFormat == options.format() && !options.normalize()) {
        Files.copy(source, target);
        return new WrittenTrack(
            number, track, target, track.durationSeconds(), AudioFiles.sha256(target), false, null);
      }
      Pcm pcm = AudioFiles.read(source);
      TrackLoudness loudness = null;
      if (options.normalize()) {
        loudness =
            albumGain == null
                ? normalizeInto(pcm, target, options)
                : gainInto(pcm, target, options, albumGain);
      } else {
        AudioFiles.write(pcm, options.format(), target);
      }
      return new WrittenTrack(
          number, track, target, pcm.durationSeconds(), AudioFiles.sha256(target), true, loudness);
    } catch (AlbumException e) {
      throw e;
    } catch (IOException e) {
      throw new AlbumException(label + ": " + e.getMessage(), e);
    }
  }

  /**
   * Normalizes {@code pcm} and writes it to {@code target}. MP3 encoding drops some of the
   * high-frequency energy that K-weighting boosts (up to about 0.6 LU on bright, noisy material),
   * so for MP3 the written file is measured and, when it misses the target by more than {@value
   * #MP3_TOLERANCE_LU} LU, encoded once more with the gain corrected by the miss. The reported
   * "after" is then the written file's own measurement.
   */
  private static TrackLoudness normalizeInto(Pcm pcm, Path target, AlbumOptions options)
      throws IOException {
    Normalization n = Loudness.normalize(pcm, options.targetLufs(), options.peakCeilingDbfs());
    AudioFiles.write(n.pcm(), options.format(), target);
    if (options.format() != AudioFormat.MP3 || n.silentInput()) {
      return TrackLoudness.of(n);
    }
    LoudnessMeasurement written = Loudness.measure(target);
    double miss = written.integratedLufs() - options.targetLufs();
    if (!n.peakLimited() && Double.isFinite(miss) && Math.abs(miss) > MP3_TOLERANCE_LU) {
      double aim = Math.max(-70, Math.min(0, options.targetLufs() - miss));
      n = Loudness.normalize(pcm, aim, options.peakCeilingDbfs());
      AudioFiles.write(n.pcm(), options.format(), target);
      written = Loudness.measure(target);
    }
    return new TrackLoudness(n.before(), written, n.gainDb(), n.peakLimited());
  }

  /**
   * Album mode: the album's one gain, clamped for this track only where its true peak would cross
   * the ceiling.
   */
  private static TrackLoudness gainInto(Pcm pcm, Path target, AlbumOptions options, AlbumGain album)
      throws IOException {
    LoudnessMeasurement before = Loudness.measure(pcm);
    Normalization n =
        Double.isInfinite(before.integratedLufs())
            ? new Normalization(pcm, before, before, options.targetLufs(), 0, false)
            : Loudness.applyGain(
                pcm, before, album.gainDb(), options.targetLufs(), options.peakCeilingDbfs());
    AudioFiles.write(n.pcm(), options.format(), target);
    LoudnessMeasurement after =
        options.format() == AudioFormat.MP3 ? Loudness.measure(target) : n.after();
    return new TrackLoudness(n.before(), after, n.gainDb(), n.peakLimited());
  }

  /**
   * Extended M3U, UTF-8 without BOM: one {@code #EXTINF:<whole seconds>,<title>} and relative file
   * name per track.
   */
  static String playlist(List<WrittenTrack> tracks) {
    StringBuilder b = new StringBuilder("#EXTM3U\n");
    for (WrittenTrack t : tracks) {
      b.append("#EXTINF:")
          .append(Math.round(t.durationSeconds()))
          .append(',')
          .append(TrackNames.displayTitle(t.track().title()))
          .append('\n')
          .append(t.file().getFileName())
          .append('\n');
    }
    return b.toString();
  }

  private static Map<String, Object> tracklist(
      List<WrittenTrack> tracks, AlbumOptions options, AlbumGain albumGain) {
    Map<String, Object> album = new LinkedHashMap<>();
    album.put("format", options.format().extension());
    if (options.normalize()) {
      album.put("loudness_target_lufs", options.targetLufs());
      album.put("loudness_mode", options.albumGain() ? "album" : "track");
      album.put("true_peak_ceiling_dbtp", options.peakCeilingDbfs());
      if (albumGain != null) {
        album.put("album_lufs_before", level(albumGain.albumLufs()));
        album.put("album_gain_db", round(albumGain.gainDb(), 2));
      }
    }
    List<Map<String, Object>> list = new ArrayList<>();
    for (WrittenTrack t : tracks) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("number", t.number());
      m.put("title", TrackNames.displayTitle(t.track().title()));
      m.put("file", t.file().getFileName().toString());
      m.put("duration", round(t.durationSeconds(), 3));
      m.put("source_step", t.track().sourceStep());
      m.put("seed", t.track().seed());
      m.put("sha256", t.sha256());
      m.put("source_sha256", t.track().sha256());
      m.put("transcoded", t.transcoded());
      t.normalization().ifPresent(l -> m.put("loudness", loudness(l)));
      list.add(m);
    }
    album.put("tracks", list);
    return album;
  }

  private static Map<String, Object> loudness(TrackLoudness l) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("before_lufs", level(l.before().integratedLufs()));
    m.put("after_lufs", level(l.after().integratedLufs()));
    m.put("gain_db", round(l.gainDb(), 2));
    m.put("peak_before_dbfs", level(l.before().samplePeakDbfs()));
    m.put("peak_after_dbfs", level(l.after().samplePeakDbfs()));
    m.put("true_peak_before_dbtp", level(l.before().truePeakDbtp()));
    m.put("true_peak_after_dbtp", level(l.after().truePeakDbtp()));
    m.put("lra_before_lu", level(l.before().loudnessRangeLu()));
    m.put("lra_after_lu", level(l.after().loudnessRangeLu()));
    m.put("peak_limited", l.peakLimited());
    return m;
  }

  /** JSON has no -infinity: silence is written as {@code null}. */
  private static Double level(double db) {
    return Double.isFinite(db) ? round(db, 2) : null;
  }

  private static double round(double v, int places) {
    double scale = Math.pow(10, places);
    return Math.round(v * scale) / scale;
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder())
          .forEach(
              p -> {
                try {
                  Files.deleteIfExists(p);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }
}
