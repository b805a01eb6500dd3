package dev.acepipe.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * The multipart side of {@code /release_task}: the form's fields and files, and where an uploaded
 * file is kept while its job needs it.
 */
final class Uploads {
  private final EmbeddedServerConfig config;
  private final AudioPaths paths;

  Uploads(EmbeddedServerConfig config, AudioPaths paths) {
    this.config = config;
    this.paths = paths;
  }

  /** The form's text fields as a JSON body; a repeated field becomes a list. */
  static ObjectNode formFields(Context ctx, ObjectNode body) {
    ctx.formParamMap()
        .forEach(
            (k, v) -> {
              if (v.size() > 1) {
                // Upstream turns a repeated field into a list.
                ArrayNode list = body.putArray(k);
                v.forEach(list::add);
              } else {
                body.put(k, v.isEmpty() ? "" : v.get(0));
              }
            });
    return body;
  }

  /** Whether {@code e} (or a cause) is the servlet refusing a part over its size limit. */
  static boolean isSizeLimit(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      String m = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
      if (m.contains("exceeds") || m.contains("too large")) {
        return true;
      }
    }
    return false;
  }

  /** The first of {@code names} that holds a file, or null. */
  static UploadedFile firstFile(Context ctx, String... names) {
    for (String name : names) {
      UploadedFile f = ctx.uploadedFile(name);
      if (f != null) {
        return f;
      }
    }
    return null;
  }

  /**
   * Saves an upload and returns its absolute path. The embedded profile keeps it under {@code
   * uploads/}; the newer profile saves it into its temp dir with the file's suffix kept and deletes
   * it when the job ends (listed in {@code temporary}), as upstream does.
   */
  String save(UploadedFile file, List<Path> temporary) throws IOException {
    if (config.profile() == EmbeddedProfile.NEWER) {
      Path dir = config.effectiveTempDir();
      Files.createDirectories(dir);
      Path target = Files.createTempFile(dir, "tmp", suffixOf(file.filename()));
      temporary.add(target);
      try (InputStream in = file.content()) {
        Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
      }
      return target.toString();
    }
    Path dir = paths.uploads();
    Files.createDirectories(dir);
    String name = UUID.randomUUID() + "-" + safeName(file.filename());
    Path tmp = Files.createTempFile(dir, ".upload-", ".part");
    try (InputStream in = file.content()) {
      Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
      Path target = dir.resolve(name);
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
      return target.toString();
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  private static String suffixOf(String filename) {
    String name = safeName(filename);
    int dot = name.lastIndexOf('.');
    return dot > 0 && name.length() - dot <= 8 ? name.substring(dot) : "";
  }

  private static String safeName(String filename) {
    String base =
        filename == null
            ? ""
            : filename.substring(
                Math.max(filename.lastIndexOf('/'), filename.lastIndexOf('\\')) + 1);
    String cleaned = base.replaceAll("[^A-Za-z0-9._-]", "_");
    if (cleaned.isEmpty() || cleaned.startsWith(".")) {
      cleaned = "audio" + cleaned;
    }
    return cleaned.length() > 100 ? cleaned.substring(cleaned.length() - 100) : cleaned;
  }
}
