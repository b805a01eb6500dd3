package dev.acepipe.report.html;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Opens a local page in headless Chromium (Debian's {@code /usr/bin/chromium}) once: dumps the DOM
 * after the page settled and takes a screenshot. Network features are switched off; every launch
 * gets a fresh profile directory.
 */
final class HeadlessChromium {
  static final Path BINARY = Path.of(System.getProperty("acepipe.chromium", "/usr/bin/chromium"));

  /** What one page load left behind. */
  record Result(int exitCode, String dom, String log) {}

  private HeadlessChromium() {}

  static boolean available() {
    return Files.isExecutable(BINARY);
  }

  static Result open(Path page, Path screenshot, Path workDir)
      throws IOException, InterruptedException {
    return open(page, screenshot, workDir, 1280, 2200);
  }

  /**
   * As {@link #open(Path, Path, Path)} in a window of {@code width} x {@code height} CSS pixels.
   */
  static Result open(Path page, Path screenshot, Path workDir, int width, int height)
      throws IOException, InterruptedException {
    Path profile = Files.createTempDirectory(workDir, "chromium-profile");
    Path out = workDir.resolve("chromium.out");
    Path err = workDir.resolve("chromium.err");
    Files.createDirectories(screenshot.getParent());
    List<String> cmd =
        new ArrayList<>(
            List.of(
                BINARY.toString(),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--user-data-dir=" + profile,
                // Containers often have a tiny /dev/shm; Chromium then crashes without this.
                "--disable-dev-shm-usage",
                // Lets the page's check script read waveform pixels from a file: image through a
                // canvas.
                "--allow-file-access-from-files",
                "--mute-audio",
                "--hide-scrollbars",
                "--enable-logging=stderr",
                "--v=0",
                "--virtual-time-budget=5000",
                "--window-size=" + width + "," + height,
                "--screenshot=" + screenshot.toAbsolutePath(),
                "--dump-dom",
                page.toAbsolutePath().toUri().toString()));
    Process p =
        new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    if (!p.waitFor(180, TimeUnit.SECONDS)) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
      throw new IOException(
          "chromium did not finish within 180 s: " + Files.readString(err, StandardCharsets.UTF_8));
    }
    return new Result(
        p.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }
}
