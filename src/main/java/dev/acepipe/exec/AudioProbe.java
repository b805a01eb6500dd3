package dev.acepipe.exec;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Reads the length and format of a local audio file with real decoders. The composition root adapts the audio
 * package to this port; tests use a fake.
 */
@FunctionalInterface
public interface AudioProbe {
  /** Probes {@code file}; throws when it is missing or not decodable audio. */
  AudioInfo probe(Path file) throws IOException;
}
