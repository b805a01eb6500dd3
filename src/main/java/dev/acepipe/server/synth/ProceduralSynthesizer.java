package dev.acepipe.server.synth;

import dev.acepipe.audio.AudioFiles;
import dev.acepipe.audio.AudioFormat;
import dev.acepipe.audio.Pcm;
import java.io.IOException;
import java.nio.ShortBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * The embedded server's synthesizer: a procedural, deterministic stand-in for ACE-Step (not AI). It plans a song
 * from the request (tempo, metre, key, lyric sections, instrument cues in the caption), composes chords, bass,
 * melody and drums, and renders 48 kHz stereo straight into the requested format block by block.
 *
 * <p>Task semantics follow the real model: {@code repaint} regenerates {@code [start, end)} and keeps every other
 * frame of the source bit-identical (a short crossfade stays inside the window); the output is
 * {@code max(0, -start) + max(source, end)} long, so a repaint past the end is a continuation. {@code cover} keeps
 * the source's length and beat grid and blends the source by {@code 1 - strength}. A missing or unreadable source
 * renders text2music, as the real server does. Thread-safe and stateless.
 */
public final class ProceduralSynthesizer implements Synthesizer {
  /** Output sample rate. */
  public static final int RATE = Pcm.CANONICAL_RATE;
  private static final int CROSSFADE = 480;

  public ProceduralSynthesizer() {}

  @Override
  public RenderedTake render(SynthRequest request, long seed, Path out) throws IOException {
    AudioFormat format = AudioFormat.byName(request.audioFormat()).orElse(AudioFormat.FLAC);
    String task = request.taskType().toLowerCase(Locale.ROOT);
    Optional<Pcm> source =
        task.equals("repaint") || task.equals("cover") ? readQuietly(request.sourceAudio()) : Optional.empty();
    if (source.isPresent() && task.equals("repaint")) {
      return repaint(request, seed, source.get(), format, out);
    }
    if (source.isPresent()) {
      return cover(request, seed, source.get(), format, out);
    }
    long frames = Planner.durationFrames(request);
    double hint = readQuietly(request.referenceAudio())
        .flatMap(TempoEstimator::estimate).map(TempoEstimator.Beat::bpm).orElse(0.0);
    MusicPlan plan = Planner.plan(request, seed, frames, hint, 0);
    Renderer renderer = new Renderer(Composer.compose(plan, seed), frames);
    BlockPipeline.write(format, out, frames, renderer::render);
    return take(out, plan);
  }

  private static RenderedTake take(Path out, MusicPlan plan) {
    return new RenderedTake(out, plan.frames() / (double) RATE, (int) Math.round(plan.bpm()),
        plan.key().display(), plan.timeSignature(), plan.genres());
  }

  private static Optional<Pcm> readQuietly(Path file) {
    if (file == null || !Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(AudioFiles.read(file).toCanonical());
    } catch (IOException | RuntimeException e) {
      return Optional.empty(); // like the real server: an unreadable source yields unrelated audio, not a failure
    }
  }

  private static double tempoHint(SynthRequest request, Optional<TempoEstimator.Beat> beat) {
    return request.bpm() != null ? 0 : beat.map(TempoEstimator.Beat::bpm).orElse(0.0);
  }

  private RenderedTake repaint(SynthRequest request, long seed, Pcm source, AudioFormat format, Path out)
      throws IOException {
    long sourceFrames = source.frames();
    long start = Math.round(request.repaintStart() * RATE);
    Double endSeconds = request.repaintEnd();
    long end = endSeconds == null || endSeconds <= 0 ? sourceFrames : Math.round(endSeconds * RATE);
    long prepend = Math.max(0, -start);
    long frames = prepend + Math.max(sourceFrames, end);
    long windowStart = prepend + start;
    long windowEnd = Math.min(frames, prepend + end);
    if (windowEnd <= windowStart) { // an empty or inverted window regenerates everything, as the model does
      windowStart = 0;
      windowEnd = frames;
    }
    Optional<TempoEstimator.Beat> beat = TempoEstimator.estimate(source);
    long origin = prepend + beat.map(TempoEstimator.Beat::phaseFrame).orElse(0L);
    MusicPlan plan = Planner.plan(request, seed, frames, tempoHint(request, beat), origin);
    Renderer renderer = new Renderer(Composer.compose(plan, seed), frames);
    ShortBuffer src = source.samples();
    short[] generated = new short[Renderer.BLOCK * 2];
    long winStart = windowStart;
    long winEnd = windowEnd;
    BlockPipeline.write(format, out, frames, (f, n, block) -> {
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
        double mix = s < 0 || s >= sourceFrames ? 1 : crossfade(o, winStart, winEnd, frames);
        for (int c = 0; c < 2; c++) {
          short gen = generated[2 * g + c];
          block[2 * i + c] = mix >= 1 ? gen : (short) Math.round(gen * mix + src.get((int) s * 2 + c) * (1 - mix));
        }
      }
    });
    return take(out, plan);
  }

  /**
   * Weight of the new audio at output frame {@code o} where source audio exists: ramps up over the window's first
   * frames and down over its last, so the seams are smooth and every frame outside the window stays untouched.
   */
  private static double crossfade(long o, long windowStart, long windowEnd, long frames) {
    double w = 1;
    long intoWindow = o - windowStart;
    if (windowStart > 0 && intoWindow < CROSSFADE) {
      w = Math.min(w, (intoWindow + 1) / (double) (CROSSFADE + 1));
    }
    long beforeEnd = windowEnd - 1 - o;
    if (windowEnd < frames && beforeEnd < CROSSFADE) {
      w = Math.min(w, (beforeEnd + 1) / (double) (CROSSFADE + 1));
    }
    return w;
  }

  private RenderedTake cover(SynthRequest request, long seed, Pcm source, AudioFormat format, Path out)
      throws IOException {
    long frames = source.frames();
    Optional<TempoEstimator.Beat> beat = TempoEstimator.estimate(source);
    long origin = beat.map(TempoEstimator.Beat::phaseFrame).orElse(0L);
    MusicPlan plan = Planner.plan(request, seed, frames, tempoHint(request, beat), origin);
    Renderer renderer = new Renderer(Composer.compose(plan, seed), frames);
    double strength = Math.max(0, Math.min(1, request.coverStrength()));
    ShortBuffer src = source.samples();
    BlockPipeline.write(format, out, frames, (f, n, block) -> {
      renderer.render(f, n, block);
      int base = (int) f * 2;
      for (int i = 0; i < 2 * n; i++) {
        block[i] = (short) Math.round(block[i] * strength + src.get(base + i) * (1 - strength));
      }
    });
    return take(out, plan);
  }
}
