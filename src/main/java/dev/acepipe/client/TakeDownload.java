package dev.acepipe.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * Streams one file from the server to disk: a hidden temp file beside the target, SHA-256 while
 * streaming, a {@code Content-Length} check, then an atomic move. On any failure the temp file is
 * deleted and an existing target is left untouched. Heap use is one 64 KiB buffer whatever the file
 * size.
 */
final class TakeDownload {
  private static final int BUFFER = 64 * 1024;

  private final OkHttpClient http;
  private final Responses responses;

  TakeDownload(OkHttpClient http, Responses responses) {
    this.http = http;
    this.responses = responses;
  }

  /**
   * @throws AceStepException for error answers and for connections lost before the last byte
   *     (transient)
   * @throws UncheckedIOException when the local file cannot be written
   */
  Download fetch(HttpUrl url, Path target) {
    return fetch(url, target, null);
  }

  /** As {@link #fetch(HttpUrl, Path)}, also writing every received chunk to {@code tee}. */
  Download fetch(HttpUrl url, Path target, OutputStream tee) {
    String endpoint = url.encodedPath();
    Path dir = target.toAbsolutePath().getParent();
    Path temp = null;
    try (Response response = http.newCall(new Request.Builder().url(url).get().build()).execute()) {
      if (!response.isSuccessful()) {
        throw responses.httpError(endpoint, response);
      }
      ResponseBody body = Objects.requireNonNull(response.body());
      Files.createDirectories(dir);
      // Not createTempFile: that makes the take owner-only (0600); the umask decides, as for any
      // file.
      temp =
          Files.createFile(
              dir.resolve(
                  "." + target.getFileName() + "." + java.util.UUID.randomUUID() + ".part"));
      Download download = copy(endpoint, body, temp, target, tee);
      moveIntoPlace(temp, target);
      temp = null;
      return download;
    } catch (IOException e) {
      if (temp == null) {
        throw responses.transport(endpoint, e);
      }
      // Network failures while reading are reported inside copy(); what is left is our own disk.
      throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
    } finally {
      deleteQuietly(temp);
    }
  }

  private Download copy(
      String endpoint, ResponseBody body, Path temp, Path target, OutputStream tee)
      throws IOException {
    long expected = body.contentLength();
    MessageDigest sha = sha256();
    long written = 0;
    byte[] buf = new byte[BUFFER];
    try (InputStream in = body.byteStream();
        OutputStream out = Files.newOutputStream(temp)) {
      while (true) {
        int n;
        try {
          n = in.read(buf);
        } catch (IOException e) {
          AceStepException lost = responses.transport(endpoint, e);
          throw new AceStepException(
              endpoint,
              AceStepException.NO_RESPONSE,
              "connection lost after "
                  + written
                  + " of "
                  + (expected < 0 ? "?" : expected)
                  + " bytes: "
                  + lost.detail(),
              false,
              e);
        }
        if (n < 0) {
          break;
        }
        sha.update(buf, 0, n);
        out.write(buf, 0, n);
        if (tee != null) {
          tee.write(buf, 0, n);
        }
        written += n;
      }
    }
    if (expected >= 0 && written != expected) {
      throw new AceStepException(
          endpoint,
          AceStepException.NO_RESPONSE,
          "download incomplete: got " + written + " of " + expected + " bytes",
          false,
          null);
    }
    return new Download(target, written, HexFormat.of().formatHex(sha.digest()));
  }

  private static void moveIntoPlace(Path temp, Path target) throws IOException {
    try {
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static void deleteQuietly(Path temp) {
    if (temp == null) {
      return;
    }
    try {
      Files.deleteIfExists(temp);
    } catch (IOException ignored) {
      // Best effort: a stray hidden .part file is harmless and never mistaken for a take.
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
