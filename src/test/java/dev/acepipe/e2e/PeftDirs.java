package dev.acepipe.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** LoRA adapters as the embedded server checks them: a directory with adapter_config.json. */
final class PeftDirs {
  private PeftDirs() {}

  /** A PEFT adapter directory {@code loras/NAME} under {@code dir}. */
  static Path peft(Path dir, String name) throws IOException {
    Path d = Files.createDirectories(dir.resolve("loras").resolve(name));
    Files.writeString(d.resolve("adapter_config.json"), "{\"r\": 8}");
    return d;
  }
}
