package dev.acepipe.exec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads the "audio" files {@link FakeAceStepClient} writes: one line {@code duration=SECONDS}. */
final class FakeAudioProbe implements AudioProbe {
  @Override
  public AudioInfo probe(Path file) throws IOException {
    String text = Files.readString(file, StandardCharsets.UTF_8).strip();
    if (!text.startsWith("duration=")) {
      throw new IOException(file + ": not audio");
    }
    return new AudioInfo(Double.parseDouble(text.substring("duration=".length())), 48000, 2);
  }

  static void write(Path file, double seconds) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.writeString(file, "duration=" + seconds, StandardCharsets.UTF_8);
  }
}
