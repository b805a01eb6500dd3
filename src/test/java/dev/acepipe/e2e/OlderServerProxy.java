package dev.acepipe.e2e;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback proxy that makes a current server behave like the older ACE-Step snapshot: every multipart
 * {@code /release_task} answers plain-text 500, and every seed is replaced by a random one (the server "ignores
 * seeds"). Everything else is forwarded as is.
 */
final class OlderServerProxy implements AutoCloseable {
  private final HttpServer server;
  private final HttpClient http = HttpClient.newHttpClient();
  private final String upstream;
  private final Random random = new Random();
  private final ObjectMapper json = new ObjectMapper();
  final AtomicInteger refusedUploads = new AtomicInteger();

  OlderServerProxy(String upstream) throws IOException {
    this.upstream = upstream;
    this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      byte[] body;
      try (InputStream in = ex.getRequestBody()) {
        body = in.readAllBytes();
      }
      String type = ex.getRequestHeaders().getFirst("Content-Type");
      String path = ex.getRequestURI().getPath();
      if (path.equals("/release_task") && type != null && type.startsWith("multipart/")) {
        refusedUploads.incrementAndGet();
        reply(ex, 500, "text/plain", "Internal Server Error".getBytes(StandardCharsets.UTF_8));
        return;
      }
      if (path.equals("/release_task")) {
        ObjectNode request = (ObjectNode) json.readTree(body);
        request.put("seed", random.nextInt(Integer.MAX_VALUE));
        body = json.writeValueAsBytes(request);
      }
      HttpRequest.Builder forward =
          HttpRequest.newBuilder(URI.create(upstream + ex.getRequestURI()))
              .method(ex.getRequestMethod(), body.length == 0
                  ? HttpRequest.BodyPublishers.noBody()
                  : HttpRequest.BodyPublishers.ofByteArray(body));
      if (type != null) {
        forward.header("Content-Type", type);
      }
      String auth = ex.getRequestHeaders().getFirst("Authorization");
      if (auth != null) {
        forward.header("Authorization", auth);
      }
      HttpResponse<byte[]> answer = http.send(forward.build(), HttpResponse.BodyHandlers.ofByteArray());
      reply(ex, answer.statusCode(), answer.headers().firstValue("Content-Type").orElse("application/json"),
          answer.body());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void reply(HttpExchange ex, int status, String type, byte[] body) throws IOException {
    ex.getResponseHeaders().set("Content-Type", type);
    ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      try (OutputStream out = ex.getResponseBody()) {
        out.write(body);
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
