package dev.acepipe.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.config.SizeUnit;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.jetty.server.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An ACE-Step-compatible HTTP server backed by a {@link dev.acepipe.server.synth.Synthesizer}: the
 * embedded backend of {@code engine run} and the server of {@code engine serve}.
 *
 * <p>Typical use, on a free loopback port:
 *
 * <pre>{@code
 * try (EmbeddedServer server = EmbeddedServer.start(EmbeddedServerConfig.defaults(outputDir))) {
 *   String url = server.baseUrl(); // http://127.0.0.1:<port>
 * }
 * }</pre>
 *
 * <p>Thread-safe. {@link #close()} stops the HTTP server and the workers; finished files stay on
 * disk.
 */
public final class EmbeddedServer implements AutoCloseable {
  static {
    // Jetty and Javalin narrate every start and stop at INFO (and nag about Javalin's age); for a
    // server that
    // `engine run` starts in-process that is noise on the user's console. Explicit settings still
    // win.
    for (String logger : new String[] {"org.eclipse.jetty", "io.javalin"}) {
      String property = "org.slf4j.simpleLogger.log." + logger;
      if (System.getProperty(property) == null) {
        System.setProperty(property, "warn");
      }
    }
  }

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedServer.class);

  private final EmbeddedServerConfig config;
  private final Faults faults;
  private final ServerCounters counters = new ServerCounters();
  private final JobQueue jobs;
  private final JobWorkers workers;
  private final Models models;
  private final Javalin app;

  private EmbeddedServer(EmbeddedServerConfig config) throws IOException {
    this.config = config;
    this.faults = new Faults(config.faults());
    AudioPaths paths = new AudioPaths(config.outputDir());
    ObjectMapper json = new ObjectMapper();
    Wire wire = new Wire(json, config.clock());
    this.models = new Models(config.models(), config.model());
    Adapters adapters = new Adapters();
    this.jobs = new JobQueue(config, wire, json);
    this.workers = new JobWorkers(config, faults, paths, models, adapters, counters, jobs);
    Requests requests =
        new Requests(
            json,
            wire,
            new ApiKeyCheck(config.apiKey(), config.profile().upstreamAuth(), config.failClosed()));
    ServerParts parts =
        new ServerParts(
            config,
            json,
            wire,
            requests,
            jobs,
            paths,
            models,
            adapters,
            counters,
            workers::running);
    TaskEndpoints endpoints = new TaskEndpoints(parts);
    ServiceEndpoints service = new ServiceEndpoints(parts);
    AdapterEndpoints adapterRoutes = new AdapterEndpoints(parts);
    AudioEndpoint audio = new AudioEndpoint(parts);
    TextEndpoints text = new TextEndpoints(parts);
    long limit = config.uploadLimitBytes();
    this.app =
        Javalin.create(
            c -> {
              c.showJavalinBanner = false;
              c.jetty.defaultHost = config.host();
              c.jetty.defaultPort = config.port();
              c.http.maxRequestSize = 16L * 1024 * 1024;
              c.http.disableCompression();
              c.http.prefer405over404 = true;
              c.jetty.multipartConfig.cacheDirectory(
                  paths.root().resolve("uploads").resolve(".cache").toString());
              c.jetty.multipartConfig.maxFileSize(limit, SizeUnit.BYTES);
              c.jetty.multipartConfig.maxInMemoryFileSize(1024 * 1024, SizeUnit.BYTES);
              c.jetty.multipartConfig.maxTotalRequestSize(2 * limit + 1024 * 1024, SizeUnit.BYTES);
            });
    app.before(ctx -> beforeEach(ctx, wire));
    Map<String, List<String>> routes = new TreeMap<>();
    get(routes, "/health", service::health);
    get(routes, "/v1/models", service::models);
    if (config.profile() != EmbeddedProfile.SNAPSHOT) {
      get(routes, "/v1/model_inventory", service::modelInventory);
    }
    get(routes, "/v1/stats", service::stats);
    get(routes, "/v1/audio", audio::audio);
    post(routes, "/release_task", endpoints::releaseTask);
    post(routes, "/query_result", endpoints::queryResult);
    post(routes, "/format_input", text::formatInput);
    post(routes, "/create_random_sample", text::randomSample);
    if (config.profile() != EmbeddedProfile.SNAPSHOT) {
      // the LoRA routes and /v1/init arrived after the snapshot (upstream f764593 and 82a5d84)
      post(routes, "/v1/lora/load", adapterRoutes::load);
      post(routes, "/v1/lora/unload", adapterRoutes::unload);
      post(routes, "/v1/lora/toggle", adapterRoutes::toggle);
      post(routes, "/v1/lora/scale", adapterRoutes::scale);
      get(routes, "/v1/lora/status", adapterRoutes::status);
      post(routes, "/v1/init", adapterRoutes::init);
    }
    get(routes, "/openapi.json", ctx -> service.openapi(ctx, routes));
    app.exception(Requests.Unparseable.class, (e, ctx) -> wire.plain500(ctx));
    app.exception(
        HttpResponseException.class, (e, ctx) -> wire.detail(ctx, e.getStatus(), reason(e)));
    app.exception(
        Exception.class,
        (e, ctx) -> {
          LOG.warn("{} {} failed: {}", ctx.method(), ctx.path(), e.toString());
          wire.plain500(ctx);
        });
    java.nio.file.Files.createDirectories(paths.root().resolve("uploads").resolve(".cache"));
  }

  private void get(Map<String, List<String>> routes, String path, io.javalin.http.Handler handler) {
    app.get(path, handler);
    routes.computeIfAbsent(path, p -> new ArrayList<>()).add("GET");
  }

  private void post(
      Map<String, List<String>> routes, String path, io.javalin.http.Handler handler) {
    app.post(path, handler);
    routes.computeIfAbsent(path, p -> new ArrayList<>()).add("POST");
  }

  /**
   * Starts a server and its workers.
   *
   * @throws IOException if the output directory cannot be created
   * @throws IllegalStateException if the port cannot be bound
   */
  public static EmbeddedServer start(EmbeddedServerConfig config) throws IOException {
    refuseTakenPort(config);
    EmbeddedServer server = new EmbeddedServer(config);
    server.workers.start();
    try {
      server.app.start();
    } catch (RuntimeException e) {
      server.stopJobs();
      throw new IllegalStateException(
          "cannot listen on " + config.host() + ":" + config.port() + ": " + rootMessage(e), e);
    }
    return server;
  }

  /**
   * A port another process holds is reported in one line before Javalin tries it (Javalin would log
   * its own ERROR line first). A port taken between this check and the start still fails, with both
   * lines.
   */
  private static void refuseTakenPort(EmbeddedServerConfig config) {
    if (config.port() == 0) {
      return;
    }
    try (java.net.ServerSocket probe = new java.net.ServerSocket()) {
      probe.setReuseAddress(true);
      probe.bind(new java.net.InetSocketAddress(config.host(), config.port()));
    } catch (IOException e) {
      throw new IllegalStateException(
          "cannot listen on "
              + config.host()
              + ":"
              + config.port()
              + ": "
              + (e.getMessage() == null
                  ? "port already in use"
                  : e.getMessage().replaceFirst(" \\(Bind failed\\)$", "")),
          e);
    }
  }

  /** {@code http://host:port}, without a trailing slash. */
  public String baseUrl() {
    String host = config.host().contains(":") ? "[" + config.host() + "]" : config.host();
    return "http://" + host + ":" + port();
  }

  /** The bound port (the chosen one when the config said 0). */
  public int port() {
    return app.port();
  }

  /**
   * The configuration this server runs with. With {@link EmbeddedServerConfig#withPort(int)
   * withPort(port())} and the same state dir it starts the same server again, as a restart would.
   */
  public EmbeddedServerConfig config() {
    return config;
  }

  /** The generation this server answers like. */
  public EmbeddedProfile profile() {
    return config.profile();
  }

  /** The absolute output directory every file lives under. */
  public Path outputDir() {
    return config.outputDir();
  }

  /** The DiT model loaded now ({@code POST /v1/init} switches it). */
  public String loadedModel() {
    return models.loaded();
  }

  public ServerCounters counters() {
    return counters;
  }

  /** The fault settings in force. */
  public FaultConfig faults() {
    return faults.config();
  }

  /** Replaces the fault settings (and restarts their random sequence from the new seed). */
  public void faults(FaultConfig config) {
    faults.set(config);
  }

  /**
   * Stops this server, mid-job if need be, and starts a new one with the same configuration on the
   * same port: a restart. With a state dir the new server answers for the old one's jobs as
   * upstream does after a restart (finished ones as before, running ones stale, queued ones
   * unknown); without one it knows none of them.
   *
   * @throws IOException if the output or state directory cannot be used
   * @throws IllegalStateException if the port cannot be bound again
   */
  public EmbeddedServer restart() throws IOException {
    EmbeddedServerConfig same = config.withPort(port());
    close();
    return start(same);
  }

  /** Forgets every queued and running job, as a restart would; returns how many were forgotten. */
  public int forgetUnfinishedJobs() {
    return jobs.forgetUnfinished();
  }

  @Override
  public void close() {
    try {
      app.stop();
    } finally {
      stopJobs();
    }
  }

  /** The queue stops saving records first, so a job the workers abandon keeps its last one. */
  private void stopJobs() {
    jobs.close();
    workers.close();
  }

  private void beforeEach(Context ctx, Wire wire) {
    counters.request(ctx.path());
    if (ctx.path().equals("/health")) {
      return;
    }
    switch (faults.drawHttp(ctx.path().equals("/release_task"))) {
      case NONE -> {}
      case DROP -> {
        // Close the socket with no response at all, as a crashed or restarted server would.
        Request.getBaseRequest(ctx.req())
            .getHttpChannel()
            .abort(new IOException("injected fault: drop"));
        ctx.skipRemainingHandlers();
      }
      case HTTP_500 -> {
        wire.plain500(ctx);
        ctx.skipRemainingHandlers();
      }
      case HTTP_429 -> {
        wire.detail(ctx, 429, "Server busy: queue is full");
        ctx.skipRemainingHandlers();
      }
    }
  }

  private static String reason(HttpResponseException e) {
    return switch (e.getStatus()) {
      case 404 -> "Not Found";
      case 405 -> "Method Not Allowed";
      default -> e.getMessage();
    };
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null) {
      t = t.getCause();
    }
    return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
  }
}
