package dev.acepipe.server;

import dev.acepipe.server.synth.RenderedTake;
import dev.acepipe.server.synth.SynthRequest;
import dev.acepipe.server.synth.Synthesizer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;

/**
 * A synthesizer for server tests: records every call, writes a silent 48 kHz stereo WAV of the
 * requested length (1 s when unspecified), and can be held at a gate so tests see jobs queued and
 * running.
 */
final class RecordingSynthesizer implements Synthesizer {
  record Call(SynthRequest request, long seed, Path out) {}

  final List<Call> calls = new CopyOnWriteArrayList<>();
  private volatile CountDownLatch gate = new CountDownLatch(0);
  final CountDownLatch started = new CountDownLatch(1);
  volatile Runnable onRender = () -> {};

  /** Makes every render wait until {@link #open()}. */
  void hold() {
    gate = new CountDownLatch(1);
  }

  void open() {
    gate.countDown();
  }

  @Override
  public RenderedTake render(SynthRequest request, long seed, Path out) throws IOException {
    calls.add(new Call(request, seed, out));
    started.countDown();
    try {
      if (!gate.await(10, TimeUnit.SECONDS)) {
        throw new IOException("test gate never opened");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
    onRender.run();
    double seconds = request.durationSeconds() > 0 ? request.durationSeconds() : 1;
    writeSilence(out, seconds);
    return new RenderedTake(
        out,
        seconds,
        request.bpm() == null ? 120 : request.bpm(),
        request.keyScale(),
        request.timeSignature(),
        "test");
  }

  static void writeSilence(Path out, double seconds) throws IOException {
    long frames = Math.round(seconds * 48_000);
    AudioFormat format = new AudioFormat(48_000, 16, 2, true, false);
    byte[] pcm = new byte[Math.toIntExact(frames * 4)];
    Files.createDirectories(out.toAbsolutePath().getParent());
    try (AudioInputStream in =
        new AudioInputStream(new ByteArrayInputStream(pcm), format, frames)) {
      AudioSystem.write(in, AudioFileFormat.Type.WAVE, out.toFile());
    }
  }
}
