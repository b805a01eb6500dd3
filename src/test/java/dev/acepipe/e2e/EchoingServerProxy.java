package dev.acepipe.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * A hostile loopback proxy: it forwards to a real server and writes the {@code Authorization}
 * header it received into every text the server returns — version, model names, prompts, metas, the
 * take's server path (as a directory {@code echo-<header>/}), progress texts and error details.
 * Server paths that come back (downloads, {@code src_audio_path}) have that directory removed
 * again, whatever the client made of it, so the run works. {@link #failJobsAfter} makes it answer
 * later polls with failed jobs whose error text echoes the header too.
 */
final class EchoingServerProxy implements AutoCloseable {
  /**
   * Fields whose values the client matches on; echoing into them would only break the run, not test
   * redaction.
   */
  private static final Set<String> KEPT =
      Set.of(
          "task_id",
          "status",
          "stage",
          "file",
          "code",
          "timestamp",
          "name",
          "default_model",
          "models",
          "supported_task_types",
          "duration",
          "bpm",
          "seed_value");

  private static final Pattern ECHO_DIR = Pattern.compile("echo-[^/]*/");

  private final HttpServer server;
  private final HttpClient http = HttpClient.newHttpClient();
  private final String upstream;
  private final ObjectMapper json = new ObjectMapper();
  private final AtomicInteger releases = new AtomicInteger();
  private volatile int failJobsAfter = Integer.MAX_VALUE;
  final AtomicBoolean echoed = new AtomicBoolean();
  private final AtomicBoolean stopped = new AtomicBoolean();

  EchoingServerProxy(String upstream) throws IOException {
    this.upstream = upstream;
    this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /**
   * Jobs submitted after the first {@code n} are reported as failed, with the header in the error
   * text.
   */
  EchoingServerProxy failJobsAfter(int n) {
    failJobsAfter = n;
    return this;
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      String auth = ex.getRequestHeaders().getFirst("Authorization");
      String echo = auth == null ? "no-auth" : auth;
      byte[] body;
      try (InputStream in = ex.getRequestBody()) {
        body = in.readAllBytes();
      }
      String path = ex.getRequestURI().getPath();
      String query = ex.getRequestURI().getRawQuery();
      if (path.equals("/v1/audio") && query != null) {
        String p = URLDecoder.decode(query.replaceFirst("^path=", ""), StandardCharsets.UTF_8);
        query =
            "path=" + URLEncoder.encode(ECHO_DIR.matcher(p).replaceAll(""), StandardCharsets.UTF_8);
      }
      String type = ex.getRequestHeaders().getFirst("Content-Type");
      if (type != null && type.contains("json") && body.length > 0) {
        body =
            ECHO_DIR
                .matcher(new String(body, StandardCharsets.UTF_8))
                .replaceAll("")
                .getBytes(StandardCharsets.UTF_8);
      }
      boolean failing = path.equals("/query_result") && releases.get() > failJobsAfter;
      if (path.equals("/release_task")) {
        releases.incrementAndGet();
      }
      HttpRequest.Builder forward =
          HttpRequest.newBuilder(URI.create(upstream + path + (query == null ? "" : "?" + query)))
              .method(
                  ex.getRequestMethod(),
                  body.length == 0
                      ? HttpRequest.BodyPublishers.noBody()
                      : HttpRequest.BodyPublishers.ofByteArray(body));
      if (type != null) {
        forward.header("Content-Type", type);
      }
      if (auth != null) {
        forward.header("Authorization", auth);
      }
      HttpResponse<byte[]> answer =
          http.send(forward.build(), HttpResponse.BodyHandlers.ofByteArray());
      String answerType = answer.headers().firstValue("Content-Type").orElse("application/json");
      byte[] reply = answer.body();
      if (answerType.contains("json")) {
        JsonNode root = json.readTree(reply);
        if (failing) {
          fail(root, echo);
        }
        echoInto(root, echo, "");
        reply = json.writeValueAsBytes(root);
        echoed.set(true);
      }
      ex.getResponseHeaders().set("Content-Type", answerType);
      ex.getResponseHeaders().set("X-Echo", echo);
      ex.sendResponseHeaders(answer.statusCode(), reply.length == 0 ? -1 : reply.length);
      if (reply.length > 0) {
        try (OutputStream out = ex.getResponseBody()) {
          out.write(reply);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Every task in a /query_result answer becomes a failed job whose error quotes the header. */
  private void fail(JsonNode root, String echo) {
    for (JsonNode item : root.path("data")) {
      if (item instanceof ObjectNode o) {
        o.put("status", 2);
        o.put("error", "job failed for " + echo);
        o.put(
            "result",
            "[{\"file\":\"\",\"status\":2,\"stage\":\"failed\",\"error\":\"worker crashed for "
                + echo
                + "\"}]");
      }
    }
  }

  private void echoInto(JsonNode node, String echo, String key) throws IOException {
    if (node instanceof ObjectNode obj) {
      for (Iterator<Map.Entry<String, JsonNode>> it = obj.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        JsonNode v = e.getValue();
        if (e.getKey().equals("result") && v.isTextual() && v.asText().startsWith("[")) {
          JsonNode inner = json.readTree(v.asText());
          echoInto(inner, echo, "result");
          e.setValue(TextNode.valueOf(json.writeValueAsString(inner)));
        } else if (e.getKey().equals("file") && v.isTextual() && v.asText().contains("?path=")) {
          e.setValue(TextNode.valueOf(echoPath(v.asText(), echo)));
        } else if (v.isTextual() && !KEPT.contains(e.getKey())) {
          e.setValue(TextNode.valueOf(v.asText() + " " + echo));
        } else if (!v.isTextual()) {
          echoInto(v, echo, e.getKey());
        }
      }
    } else if (node instanceof ArrayNode arr) {
      for (JsonNode item : arr) {
        echoInto(item, echo, key);
      }
    }
  }

  /** {@code /v1/audio?path=/out/x.wav} → {@code /v1/audio?path=/out/echo-<header>/x.wav}. */
  private static String echoPath(String file, String echo) {
    int q = file.indexOf("?path=");
    String p = URLDecoder.decode(file.substring(q + "?path=".length()), StandardCharsets.UTF_8);
    int slash = p.lastIndexOf('/');
    String echoed = p.substring(0, slash + 1) + "echo-" + echo + "/" + p.substring(slash + 1);
    return file.substring(0, q) + "?path=" + URLEncoder.encode(echoed, StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    if (stopped.compareAndSet(false, true)) {
      server.stop(0);
    }
  }
}
