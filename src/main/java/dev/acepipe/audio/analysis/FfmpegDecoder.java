package dev.acepipe.audio.analysis;

import dev.acepipe.audio.PcmStream;
import java.io.BufferedInputStream;
import java.io.File;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * FFmpeg as the MP3 decoder of the take checks: about five times faster than the Java decoder on
 * the same file (docs/recipes.md, "Take checks against download and probe"), which is what lets an
 * MP3 take be measured while it downloads. Used only where acepipe measures (the checks), never
 * where it writes audio, so album tracks and other outputs do not depend on whether FFmpeg is
 * installed.
 *
 * <p>The coded bytes go to FFmpeg's standard input from a thread of their own and the decoded PCM
 * comes back as a 16-bit WAV on its standard output, the same sample format the Java decoders give
 * the meters. Two differences from the Java decoder, both small against any check's tolerance: its
 * output is full scale, where the Java decoder's is 32700/32768 of it (0.018 dB quieter), and it
 * drops the encoder delay and padding that a LAME header declares (the Java decoder keeps them, a
 * few tens of milliseconds). A file and the same bytes as a stream decode identically.
 *
 * <p>{@value #ENV} chooses: unset or empty looks for {@code ffmpeg} on {@code PATH}; {@code off}
 * uses the Java decoder; anything else is the path of the executable. Whether it really is FFmpeg
 * is asked ({@code -version}) the first time it would decode, so a run without checks never starts
 * it; a value that names no working FFmpeg means the Java decoder. FFmpeg runs with only the
 * environment it needs ({@link #PASSED_ENV}), never the run's keys.
 */
public final class FfmpegDecoder {
  /** The environment variable that chooses the executable, or turns FFmpeg off. */
  public static final String ENV = "ACEPIPE_FFMPEG";

  /** The variables FFmpeg gets from acepipe's environment; nothing else (no API keys). */
  static final Set<String> PASSED_ENV =
      Set.of("PATH", "LD_LIBRARY_PATH", "HOME", "TMPDIR", "LANG", "LC_ALL", "LC_CTYPE", "TZ");

  private static final int STDERR_KEPT = 2048;
  private static final long VERSION_WAIT_SECONDS = 10;

  private final Path executable;
  private Optional<String> version; // null until asked

  private FfmpegDecoder(Path executable) {
    this.executable = executable;
  }

  /**
   * The FFmpeg executable {@code env} points at (see the class comment); empty when it is turned
   * off or none is found. Starts nothing.
   */
  public static Optional<FfmpegDecoder> find(Map<String, String> env) {
    String chosen = env.getOrDefault(ENV, "").trim();
    if (chosen.equalsIgnoreCase("off")) {
      return Optional.empty();
    }
    Optional<Path> exe =
        chosen.isEmpty() ? onPath(env.getOrDefault("PATH", "")) : Optional.of(Path.of(chosen));
    return exe.filter(FfmpegDecoder::isProgram).map(FfmpegDecoder::new);
  }

  /**
   * The version FFmpeg names on its first line, asked once; empty when the executable does not
   * answer as FFmpeg within {@value #VERSION_WAIT_SECONDS} s.
   */
  public synchronized Optional<String> version() {
    if (version == null) {
      Optional<String> answer = asked();
      if (answer == null) { // not started, or interrupted while asking: ask again next time
        return Optional.empty();
      }
      version = answer;
    }
    return version;
  }

  /** The version and where it is, e.g. for a run's log. */
  public String describe() {
    return "FFmpeg " + version().orElse("(not answering as FFmpeg)") + " (" + executable + ")";
  }

  /** Decodes the MP3 {@code file}; the caller closes the stream. */
  public PcmStream open(Path file) throws IOException {
    // Through standard input, as a download is, so a file and a stream decode the same way.
    return decode(Files.newInputStream(file));
  }

  /**
   * Decodes the MP3 bytes {@code coded} holds, read on a thread of its own until they end; {@code
   * coded} is closed with the stream. A failure to read {@code coded}, or FFmpeg refusing the
   * bytes, surfaces from {@link PcmStream#read} as an {@link IOException}.
   */
  public PcmStream decode(InputStream coded) throws IOException {
    Process process;
    try {
      if (version().isEmpty()) {
        throw Thread.currentThread().isInterrupted()
            ? new java.io.InterruptedIOException("interrupted while asking FFmpeg its version")
            : new IOException(executable + " does not answer as FFmpeg");
      }
      process =
          start(
              "-hide_banner",
              "-loglevel",
              "error",
              "-f",
              "mp3",
              "-i",
              "pipe:0",
              "-map",
              "0:a:0",
              "-acodec",
              "pcm_s16le",
              "-fflags",
              "+bitexact",
              "-f",
              "wav",
              "pipe:1");
    } catch (IOException | RuntimeException e) {
      coded.close();
      throw e;
    }
    Run run = new Run(process, coded);
    try {
      // Output that ends early (FFmpeg refused the bytes) says how FFmpeg ended from the header's
      // read; closing the stream closes the output, which ends the process.
      return WavStream.open(new BufferedInputStream(run.output(), 1 << 16));
    } catch (IOException | RuntimeException e) {
      run.close();
      throw e;
    }
  }

  private Process start(String... args) throws IOException {
    List<String> command = new ArrayList<>(args.length + 1);
    command.add(executable.toString());
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().keySet().retainAll(PASSED_ENV);
    return pb.start();
  }

  private static boolean isProgram(Path p) {
    return Files.isRegularFile(p) && Files.isExecutable(p);
  }

  private static Optional<Path> onPath(String path) {
    for (String dir : path.split(File.pathSeparator)) {
      if (!dir.isEmpty() && isProgram(Path.of(dir, "ffmpeg"))) {
        return Optional.of(Path.of(dir, "ffmpeg"));
      }
    }
    return Optional.empty();
  }

  /** FFmpeg's answer to {@code -version}; null when there was none to judge by (see version()). */
  private Optional<String> asked() {
    try {
      Process p = start("-hide_banner", "-version");
      p.getOutputStream().close();
      p.getErrorStream().close();
      // -version prints about 2 KB, which fits the pipe: wait first, so a hung program times out.
      if (!p.waitFor(VERSION_WAIT_SECONDS, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return Optional.empty();
      }
      byte[] answer = p.getInputStream().readNBytes(4096);
      String first = new String(answer, StandardCharsets.UTF_8).lines().findFirst().orElse("");
      if (p.exitValue() != 0 || !first.toLowerCase(Locale.ROOT).startsWith("ffmpeg version ")) {
        return Optional.empty();
      }
      return Optional.of(first.substring("ffmpeg version ".length()).split(" ", 2)[0]);
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  @FunctionalInterface
  private interface PipeRead {
    int next() throws IOException;
  }

  /** One decoding process: its feeder and error-drain threads, and how it ended. */
  private static final class Run implements AutoCloseable {
    private final Process process;
    private final InputStream coded;
    private final Thread feeder;
    private final Thread drain;
    private final StringBuilder stderr = new StringBuilder();
    private volatile IOException feedFailure;

    Run(Process process, InputStream coded) {
      this.process = process;
      this.coded = coded;
      this.feeder = new Thread(this::feed, "ffmpeg-feed");
      this.drain = new Thread(this::drainErrors, "ffmpeg-stderr");
      feeder.setDaemon(true);
      drain.setDaemon(true);
      feeder.start();
      drain.start();
    }

    /**
     * FFmpeg's output; its end checks how FFmpeg and the feeding ended, and closing it ends the
     * process.
     */
    InputStream output() {
      return new FilterInputStream(process.getInputStream()) {
        @Override
        public void close() {
          Run.this.close();
        }

        @Override
        public int read() throws IOException {
          return checked(super::read);
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
          return checked(() -> super.read(b, off, len));
        }

        @Override
        public int available() {
          try {
            return super.available();
          } catch (IOException gone) { // the process ended: the next read says how
            return 0;
          }
        }
      };
    }

    /** One read of FFmpeg's output; at its end, or when the pipe broke, how FFmpeg ended. */
    private int checked(PipeRead read) throws IOException {
      int n;
      try {
        n = read.next();
      } catch (IOException pipe) { // killed while we read: say why it was killed
        checkExit();
        throw pipe;
      }
      if (n < 0) {
        checkExit();
      }
      return n;
    }

    void checkExit() throws IOException {
      int exit;
      try {
        exit = process.waitFor();
        feeder.join();
        drain.join(1000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new java.io.InterruptedIOException("interrupted while FFmpeg decoded");
      }
      if (feedFailure != null) {
        throw feedFailure;
      }
      if (exit != 0) {
        String why;
        synchronized (stderr) {
          why = stderr.toString().strip();
        }
        throw new IOException(
            "FFmpeg could not decode the MP3 (exit " + exit + (why.isEmpty() ? ")" : "): " + why));
      }
    }

    /**
     * Copies the coded bytes to FFmpeg. A failing source is the decode's failure: FFmpeg is stopped
     * before its input is closed, so it cannot take the bytes so far for the whole take. A failing
     * write means FFmpeg stopped reading; its exit status says why.
     */
    private void feed() {
      byte[] buf = new byte[1 << 16];
      OutputStream to = process.getOutputStream();
      try (InputStream in = coded) {
        for (int n; (n = in.read(buf)) >= 0; ) {
          try {
            to.write(buf, 0, n);
          } catch (IOException stoppedReading) {
            return;
          }
        }
      } catch (IOException e) {
        feedFailure = e;
        process.destroyForcibly();
      } finally {
        try {
          to.close();
        } catch (IOException e) {
          // FFmpeg stopped reading; its exit status says why
        }
      }
    }

    private void drainErrors() {
      byte[] buf = new byte[1024];
      try (InputStream err = process.getErrorStream()) {
        for (int n; (n = err.read(buf)) >= 0; ) {
          synchronized (stderr) {
            stderr.append(new String(buf, 0, n, StandardCharsets.UTF_8));
            if (stderr.length() > STDERR_KEPT) {
              stderr.delete(0, stderr.length() - STDERR_KEPT);
            }
          }
        }
      } catch (IOException e) {
        // the process is gone; what it said so far is kept
      }
    }

    @Override
    public void close() {
      process.destroyForcibly();
      feeder.interrupt();
      try {
        coded.close();
      } catch (IOException e) {
        // nothing more to read from it
      }
      try {
        process.getInputStream().close();
      } catch (IOException e) {
        // the process is gone
      }
    }
  }
}
