package dev.acepipe.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The run lock of one pipeline file, {@code <project>/.acepipe/locks/<file>.lock}, held for the
 * whole of {@code engine run} whatever the backend: two engines rendering the same pipeline at once
 * would mix their outputs and lockfiles. An operating-system file lock, so it is released when the
 * process dies, even by SIGKILL.
 */
public final class RunLock implements AutoCloseable {
  private final FileChannel channel;
  private final FileLock lock;

  private RunLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /** The lock file of {@code pipelineFile}. */
  public static Path pathFor(Path pipelineFile) {
    Path abs = pipelineFile.toAbsolutePath().normalize();
    return ProjectLayout.ofPipeline(abs).lock(abs.getFileName().toString());
  }

  /**
   * Takes the run lock of {@code pipelineFile} without waiting.
   *
   * @throws RunLockedException when another engine (or another run in this JVM) holds it
   */
  public static RunLock acquire(Path pipelineFile) throws IOException {
    requireContained(pipelineFile.toAbsolutePath().normalize().getParent());
    Path file = pathFor(pipelineFile);
    Files.createDirectories(file.getParent());
    FileChannel channel =
        FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null;
    } catch (IOException e) {
      channel.close();
      throw e;
    }
    if (lock == null) {
      channel.close();
      throw new RunLockedException(pipelineFile, file);
    }
    return new RunLock(channel, lock);
  }

  /**
   * Refuses a {@code .acepipe/} (or a folder directly in it) that leads out of the project through
   * a symbolic link: a committed link would make the store, the journal and every run write
   * elsewhere.
   */
  static void requireContained(Path projectDir) throws IOException {
    Path project = projectDir.toRealPath();
    Path state = ProjectLayout.of(projectDir).state();
    if (!Files.exists(state, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    List<Path> check = new ArrayList<>(List.of(state));
    if (Files.isDirectory(state)) {
      try (Stream<Path> children = Files.list(state)) {
        children.forEach(check::add);
      }
    }
    for (Path p : check) {
      Path real = Files.exists(p) ? p.toRealPath() : p.toAbsolutePath();
      if (Files.isSymbolicLink(p) && (!Files.exists(p) || !real.startsWith(project))) {
        throw new IOException(
            project.relativize(p.toAbsolutePath().normalize())
                + " is a symbolic link out of the "
                + "project; remove it (acepipe keeps its state inside the project)");
      }
    }
  }

  @Override
  public void close() throws IOException {
    try {
      lock.release();
    } finally {
      channel.close();
    }
  }

  /** Another engine is running the same pipeline file. */
  public static final class RunLockedException extends IOException {
    public RunLockedException(Path pipelineFile, Path lockFile) {
      super(
          "another engine is running "
              + pipelineFile.getFileName()
              + " in this folder ("
              + lockFile
              + " is locked); wait for it to finish");
    }
  }
}
