package dev.acepipe.server.synth;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;

/**
 * The embedded server's synthesizer. This first version only writes silence of the requested length as WAV;
 * the procedural renderer replaces it.
 */
public final class ProceduralSynthesizer implements Synthesizer {
  private static final int RATE = 48_000;

  @Override
  public RenderedTake render(SynthRequest request, long seed, Path out) throws IOException {
    double seconds = request.durationSeconds() > 0 ? request.durationSeconds() : 30;
    long frames = Math.round(seconds * RATE);
    byte[] pcm = new byte[Math.toIntExact(frames * 4)];
    AudioFormat format = new AudioFormat(RATE, 16, 2, true, false);
    try (AudioInputStream in = new AudioInputStream(new ByteArrayInputStream(pcm), format, frames)) {
      Files.createDirectories(out.toAbsolutePath().getParent());
      AudioSystem.write(in, AudioFileFormat.Type.WAVE, out.toFile());
    }
    int bpm = request.bpm() == null ? 120 : request.bpm();
    return new RenderedTake(out, seconds, bpm, request.keyScale(), request.timeSignature(), "");
  }
}
