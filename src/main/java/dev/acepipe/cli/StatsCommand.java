package dev.acepipe.cli;

import dev.acepipe.client.AceStepClient;
import dev.acepipe.client.ServerStats;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;

/** {@code engine stats}: job counts and queue of a server. */
@Command(
    name = "stats",
    description =
        "Show an ACE-Step server's job counts and queue (GET /v1/stats; needs the API key if set).")
public final class StatsCommand extends ServerCommand<ServerStats> {
  @Override
  ServerStats call(AceStepClient client) {
    return client.stats();
  }

  @Override
  void printText(PrintWriter out, String server, ServerStats s) {
    out.println("server   " + server);
    out.println(
        "jobs     "
            + s.total()
            + " total: "
            + s.queued()
            + " queued, "
            + s.running()
            + " running, "
            + s.succeeded()
            + " succeeded, "
            + s.failed()
            + " failed");
    out.println("queue    " + s.queueSize() + " / " + s.queueMaxSize());
    out.println(
        "avg job  "
            + (s.avgJobSeconds() > 0
                ? String.format(Locale.ROOT, "%.1f s", s.avgJobSeconds())
                : "n/a (no finished job yet)"));
  }

  @Override
  Map<String, Object> toJson(String server, ServerStats s) {
    Map<String, Object> jobs = new LinkedHashMap<>();
    jobs.put("total", s.total());
    jobs.put("queued", s.queued());
    jobs.put("running", s.running());
    jobs.put("succeeded", s.succeeded());
    jobs.put("failed", s.failed());
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("server", server);
    json.put("jobs", jobs);
    json.put("queue_size", s.queueSize());
    json.put("queue_maxsize", s.queueMaxSize());
    json.put("avg_job_seconds", s.avgJobSeconds());
    return json;
  }
}
