package dev.acepipe.server.synth;

import dev.acepipe.audio.AudioFiles;
import dev.acepipe.audio.AudioFormat;
import dev.acepipe.audio.Pcm;
import java.io.IOException;
import java.nio.ShortBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntBinaryOperator;

/**
 * The embedded server's synthesizer: a procedural, deterministic stand-in for ACE-Step (not AI). It
 * plans a song from the request (tempo, metre, key, lyric sections, instrument cues in the
 * caption), composes chords, bass, melody and drums, and renders 48 kHz stereo straight into the
 * requested format block by block.
 *
 * <p>Task semantics follow the real model: {@code repaint} regenerates {@code [start, end)} and
 * keeps every other frame of the source bit-identical (a short crossfade stays inside the window);
 * the output is {@code max(0, -start) + max(source, end)} long, so a repaint past the end is a
 * continuation; the repaint mode sets how long the seams crossfade and how much source stays
 * audible inside the window. {@code cover} keeps the source's length and beat grid and blends the
 * source by {@code 1 - strength} ({@code cover-nofsq} and {@code cover_noise_strength} keep it
 * closer). {@code extract}, {@code lego} and {@code complete} keep the source's length: extract
 * renders one voice of the source's arrangement, lego and complete mix new voices over it (see
 * {@link Stems} and {@link Arrangements}). A missing or unreadable source renders text2music, as
 * the real server does. Thread-safe; its only state is the bounded memory of what it rendered
 * ({@link Arrangements}).
 */
public final class ProceduralSynthesizer implements Synthesizer {
  /** Output sample rate. */
  public static final int RATE = Pcm.CANONICAL_RATE;

  /** The longest seam crossfade (conservative mode), upstream's one-second latent crossfade. */
  private static final int MAX_CROSSFADE = RATE;

  /**
   * How much source a conservative repaint keeps audible inside its window (upstream: full source
   * injection).
   */
  private static final double MAX_INJECTION = 0.3;

  private final Arrangements arrangements = new Arrangements();

  public ProceduralSynthesizer() {}

  @Override
  public RenderedTake render(SynthRequest request, long seed, Path out) throws IOException {
    AudioFormat format = AudioFormat.byName(request.audioFormat()).orElse(AudioFormat.FLAC);
    String task = request.taskType().toLowerCase(Locale.ROOT);
    boolean sourced =
        switch (task) {
          case "repaint", "cover", "cover-nofsq", "extract", "lego", "complete" -> true;
          default -> false;
        };
    Optional<Pcm> source = sourced ? readQuietly(request.sourceAudio()) : Optional.empty();
    if (source.isPresent()) {
      return switch (task) {
        case "repaint" -> repaint(request, seed, source.get(), format, out);
        case "extract" -> extract(request, seed, source.get(), format, out);
        case "lego" ->
            layer(
                request,
                seed,
                source.get(),
                Stems.voices(request.edits().tracks(), Set.of()),
                format,
                out);
        case "complete" ->
            layer(
                request,
                seed,
                source.get(),
                Stems.voices(request.edits().tracks(), Stems.DEFAULT_ACCOMPANIMENT),
                format,
                out);
        default -> cover(request, seed, source.get(), task.equals("cover-nofsq"), format, out);
      };
    }
    long frames = Planner.durationFrames(request);
    double hint =
        readQuietly(request.referenceAudio())
            .flatMap(TempoEstimator::estimate)
            .map(TempoEstimator.Beat::bpm)
            .orElse(0.0);
    MusicPlan plan = Planner.plan(request, seed, frames, hint, 0);
    Renderer renderer =
        new Renderer(Composer.compose(plan, seed), frames, request.edits().loraAmount());
    BlockPipeline.write(format, out, frames, renderer::render);
    arrangements.remember(
        out,
        new Arrangements.Arrangement(
            plan, List.of(new Arrangements.Part(plan.instruments(), seed))));
    return take(out, plan);
  }

  private static RenderedTake take(Path out, MusicPlan plan) {
    return new RenderedTake(
        out,
        plan.frames() / (double) RATE,
        (int) Math.round(plan.bpm()),
        plan.key().display(),
        plan.timeSignature(),
        plan.genres());
  }

  private static Optional<Pcm> readQuietly(Path file) {
    if (file == null || !Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(AudioFiles.read(file).toCanonical());
    } catch (IOException | RuntimeException e) {
      return Optional
          .empty(); // like the real server: an unreadable source yields unrelated audio, not a
      // failure
    }
  }

  private static double tempoHint(SynthRequest request, Optional<TempoEstimator.Beat> beat) {
    return request.bpm() != null ? 0 : beat.map(TempoEstimator.Beat::bpm).orElse(0.0);
  }

  /**
   * The arrangement of {@code source} when this synthesizer wrote it; otherwise an empty one on the
   * source's beat grid (tempo and phase estimated from the audio), planned from the request.
   */
  private Arrangements.Arrangement arrangementOf(SynthRequest request, long seed, Pcm source) {
    long frames = source.frames();
    Optional<Arrangements.Arrangement> known = arrangements.of(request.sourceAudio());
    if (known.isPresent()) {
      return known.get().withFrames(frames);
    }
    Optional<TempoEstimator.Beat> beat = TempoEstimator.estimate(source);
    long origin = beat.map(TempoEstimator.Beat::phaseFrame).orElse(0L);
    return new Arrangements.Arrangement(
        Planner.plan(request, seed, frames, tempoHint(request, beat), origin), List.of());
  }

  /**
   * One voice of the source: exactly the take's own voice when this synthesizer rendered the source
   * (silence when the take has no such voice), else that voice composed on the source's grid.
   */
  private RenderedTake extract(
      SynthRequest request, long seed, Pcm source, AudioFormat format, Path out)
      throws IOException {
    long frames = source.frames();
    Set<Instrument> wanted = Stems.voices(request.edits().tracks(), Set.of());
    Arrangements.Arrangement base = arrangementOf(request, seed, source);
    Arrangements.Arrangement stem =
        base.parts().isEmpty() ? base.plus(new Arrangements.Part(wanted, seed)) : base.only(wanted);
    Renderer renderer = new Renderer(stem.notes(), frames, request.edits().loraAmount());
    BlockPipeline.write(format, out, frames, renderer::render);
    arrangements.remember(out, stem);
    return take(out, stem.plan());
  }

  /**
   * The source with {@code voices} added, in its key and on its grid: lego (one track) and
   * complete.
   */
  private RenderedTake layer(
      SynthRequest request,
      long seed,
      Pcm source,
      Set<Instrument> voices,
      AudioFormat format,
      Path out)
      throws IOException {
    long frames = source.frames();
    Arrangements.Arrangement base = arrangementOf(request, seed, source);
    Arrangements.Part part = new Arrangements.Part(voices, seed);
    Arrangements.Arrangement added = new Arrangements.Arrangement(base.plan(), List.of(part));
    Renderer renderer = new Renderer(added.notes(), frames, request.edits().loraAmount());
    writeOver(
        source,
        renderer,
        (rendered, src) -> Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, rendered + src)),
        format,
        out);
    arrangements.remember(out, base.plus(part));
    return take(out, base.plan());
  }

  /**
   * Seam crossfade in frames: conservative 1 s, aggressive none, balanced scaled by {@code 1 -
   * strength}.
   */
  static int crossfadeFrames(String mode, double strength) {
    return (int) Math.round(MAX_CROSSFADE * editScale(mode, strength));
  }

  /** Share of source audible inside the repaint window, by mode as {@link #crossfadeFrames}. */
  static double injection(String mode, double strength) {
    return MAX_INJECTION * editScale(mode, strength);
  }

  private static double editScale(String mode, double strength) {
    return switch (mode.strip().toLowerCase(Locale.ROOT)) {
      case "conservative" -> 1;
      case "aggressive" -> 0;
      default -> 1 - Math.max(0, Math.min(1, strength));
    };
  }

  private RenderedTake repaint(
      SynthRequest request, long seed, Pcm source, AudioFormat format, Path out)
      throws IOException {
    long sourceFrames = source.frames();
    long start = Math.round(request.repaintStart() * RATE);
    Double endSeconds = request.repaintEnd();
    long end = endSeconds == null || endSeconds <= 0 ? sourceFrames : Math.round(endSeconds * RATE);
    long prepend = Math.max(0, -start);
    long frames = prepend + Math.max(sourceFrames, end);
    long windowStart = prepend + start;
    long windowEnd = Math.min(frames, prepend + end);
    if (windowEnd
        <= windowStart) { // an empty or inverted window regenerates everything, as the model does
      windowStart = 0;
      windowEnd = frames;
    }
    Optional<TempoEstimator.Beat> beat = TempoEstimator.estimate(source);
    long origin = prepend + beat.map(TempoEstimator.Beat::phaseFrame).orElse(0L);
    MusicPlan plan = Planner.plan(request, seed, frames, tempoHint(request, beat), origin);
    Renderer renderer =
        new Renderer(Composer.compose(plan, seed), frames, request.edits().loraAmount());
    ShortBuffer src = source.samples();
    short[] generated = new short[Renderer.BLOCK * 2];
    long winStart = windowStart;
    long winEnd = windowEnd;
    // the seams may take at most a third of the window each, so some of it is always fully new
    int fade =
        (int)
            Math.min(
                crossfadeFrames(request.edits().repaintMode(), request.edits().repaintStrength()),
                (windowEnd - windowStart) / 3);
    double keep = injection(request.edits().repaintMode(), request.edits().repaintStrength());
    BlockPipeline.write(
        format,
        out,
        frames,
        (f, n, block) -> {
          long from = Math.max(f, winStart);
          long to = Math.min(f + n, winEnd);
          if (to > from) {
            renderer.render(from, (int) (to - from), generated);
          }
          for (int i = 0; i < n; i++) {
            long o = f + i;
            long s = o - prepend;
            if (o < winStart || o >= winEnd) {
              block[2 * i] = src.get((int) s * 2);
              block[2 * i + 1] = src.get((int) s * 2 + 1);
              continue;
            }
            int g = (int) (o - from);
            double mix =
                s < 0 || s >= sourceFrames
                    ? 1
                    : crossfade(o, winStart, winEnd, frames, fade) * (1 - keep);
            for (int c = 0; c < 2; c++) {
              short gen = generated[2 * g + c];
              block[2 * i + c] =
                  mix >= 1
                      ? gen
                      : (short) Math.round(gen * mix + src.get((int) s * 2 + c) * (1 - mix));
            }
          }
        });
    return take(out, plan);
  }

  /**
   * Weight of the new audio at output frame {@code o} where source audio exists: ramps up over the
   * window's first {@code fade} frames and down over its last, so the seams are smooth and every
   * frame outside the window stays untouched. With no fade the window cuts in hard (aggressive
   * mode).
   */
  private static double crossfade(long o, long windowStart, long windowEnd, long frames, int fade) {
    double w = 1;
    if (fade <= 0) {
      return w;
    }
    long intoWindow = o - windowStart;
    if (windowStart > 0 && intoWindow < fade) {
      w = Math.min(w, (intoWindow + 1) / (double) (fade + 1));
    }
    long beforeEnd = windowEnd - 1 - o;
    if (windowEnd < frames && beforeEnd < fade) {
      w = Math.min(w, (beforeEnd + 1) / (double) (fade + 1));
    }
    return w;
  }

  private RenderedTake cover(
      SynthRequest request, long seed, Pcm source, boolean noFsq, AudioFormat format, Path out)
      throws IOException {
    long frames = source.frames();
    Optional<TempoEstimator.Beat> beat = TempoEstimator.estimate(source);
    long origin = beat.map(TempoEstimator.Beat::phaseFrame).orElse(0L);
    MusicPlan plan = Planner.plan(request, seed, frames, tempoHint(request, beat), origin);
    Renderer renderer =
        new Renderer(Composer.compose(plan, seed), frames, request.edits().loraAmount());
    double strength =
        coverWeight(request.coverStrength(), request.edits().coverNoiseStrength(), noFsq);
    writeOver(
        source,
        renderer,
        (rendered, src) -> (int) Math.round(rendered * strength + src * (1 - strength)),
        format,
        out);
    return take(out, plan);
  }

  /**
   * Writes {@code renderer}'s audio, as long as {@code source}, each sample combined with the
   * source's at the same place by {@code mix} (rendered sample, source sample → written sample).
   */
  private static void writeOver(
      Pcm source, Renderer renderer, IntBinaryOperator mix, AudioFormat format, Path out)
      throws IOException {
    ShortBuffer src = source.samples();
    BlockPipeline.write(
        format,
        out,
        source.frames(),
        (f, n, block) -> {
          renderer.render(f, n, block);
          int at = (int) f * 2;
          for (int i = 0; i < 2 * n; i++) {
            block[i] = (short) mix.applyAsInt(block[i], src.get(at + i));
          }
        });
  }

  /**
   * Weight of the new audio in a cover: {@code audio_cover_strength}, lowered by {@code
   * cover_noise_strength} (a start closer to the source: 1 halves it) and by the unquantised {@code
   * cover-nofsq} variant (0.8 of it).
   */
  static double coverWeight(double coverStrength, double noiseStrength, boolean noFsq) {
    double w = Math.max(0, Math.min(1, coverStrength));
    w *= 1 - 0.5 * Math.max(0, Math.min(1, noiseStrength));
    return noFsq ? w * 0.8 : w;
  }
}
