package dev.acepipe.audio.tag;

import java.nio.file.Path;

/** Tagged and untagged audio files for tests outside this package. */
public final class TaggedFiles {
  private TaggedFiles() {}

  public static Path untaggedWav(Path file) throws Exception {
    return TestAudio.wav(file);
  }

  public static Path taggedFlac(Path file, Lineage lineage) throws Exception {
    TestAudio.flac(file);
    LineageTags.write(file, lineage);
    return file;
  }

  public static Path taggedMp3(Path file, Lineage lineage) throws Exception {
    TestAudio.mp3(file);
    LineageTags.write(file, lineage);
    return file;
  }
}
