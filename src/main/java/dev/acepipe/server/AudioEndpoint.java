package dev.acepipe.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.acepipe.server.AudioPaths.Lookup;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** {@code GET /v1/audio}: serves files of the output directory only (see {@link AudioPaths}). */
final class AudioEndpoint {
  private final ServerParts server;
  private final Wire wire;
  private final Requests requests;

  AudioEndpoint(ServerParts server) {
    this.server = server;
    this.wire = server.wire();
    this.requests = server.requests();
  }

  void audio(Context ctx) throws IOException {
    if (requests.refusedHeaderOnly(ctx)) {
      return;
    }
    String raw = ctx.queryParam("path");
    if (raw == null) {
      ObjectNode missing = wire.object().put("type", "missing").put("msg", "Field required");
      missing.putArray("loc").add("query").add("path");
      missing.putNull("input");
      ObjectNode body = wire.object();
      body.putArray("detail").add(missing);
      ctx.status(422).contentType(Wire.JSON).result(wire.string(body));
      return;
    }
    Lookup lookup = server.paths().lookup(raw);
    if (lookup instanceof Lookup.Forbidden) {
      wire.detail(ctx, 403, "Access denied: path is outside the output directory");
    } else if (lookup instanceof Lookup.Missing) {
      wire.detail(ctx, 404, "File not found");
    } else if (lookup instanceof Lookup.Found found) {
      Path file = found.file();
      ctx.status(200).contentType(contentTypeOf(file));
      ctx.header("Content-Length", Long.toString(Files.size(file)));
      InputStream in = Files.newInputStream(file);
      ctx.result(in);
    }
  }

  /** Percent-encodes the path like Python's {@code quote}: '/' stays, a space becomes %20. */
  static String encodePath(Path file) {
    return URLEncoder.encode(file.toString(), StandardCharsets.UTF_8)
        .replace("+", "%20")
        .replace("%2F", "/");
  }

  private static String contentTypeOf(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".mp3")) {
      return "audio/mpeg";
    }
    if (name.endsWith(".wav")) {
      return "audio/wav";
    }
    if (name.endsWith(".flac")) {
      return "audio/flac";
    }
    return "application/octet-stream";
  }
}
