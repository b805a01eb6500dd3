package dev.acepipe.exec;

import dev.acepipe.client.AceStepClient;
import dev.acepipe.client.ClientConfig;
import dev.acepipe.client.OkHttpAceStepClient;
import dev.acepipe.client.TaskRequest;
import dev.acepipe.pool.PoolServer;
import dev.acepipe.pool.Secret;
import dev.acepipe.server.EmbeddedServer;
import dev.acepipe.server.EmbeddedServerConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Embedded servers over HTTP for pool tests: each with one worker and takes of a fixed length, each
 * reached by a real client; {@link #close} stops them all.
 */
final class EmbeddedPool implements AutoCloseable {
  private final Path dir;
  private final double takeSeconds;
  private final List<EmbeddedServer> servers = new ArrayList<>();
  private final List<AceStepClient> clients = new ArrayList<>();
  private final List<String> names = new ArrayList<>();

  /** Servers under {@code dir} whose every take renders in {@code takeSeconds}. */
  EmbeddedPool(Path dir, double takeSeconds) {
    this.dir = dir;
    this.takeSeconds = takeSeconds;
  }

  /** Starts a server named {@code name} and returns its client. */
  AceStepClient client(String name) throws Exception {
    EmbeddedServer s =
        EmbeddedServer.start(
            EmbeddedServerConfig.defaults(dir.resolve(name))
                .withPort(0)
                .withWorkers(1)
                .withFixedTakeSeconds(takeSeconds));
    servers.add(s);
    AceStepClient c = new OkHttpAceStepClient(ClientConfig.custom(s.baseUrl()).build());
    clients.add(c);
    names.add(name);
    return c;
  }

  /** The server started {@code index}-th. */
  EmbeddedServer server(int index) {
    return servers.get(index);
  }

  /** Every server started so far as a pool member under its name, in start order. */
  List<PoolMember> members() {
    List<PoolMember> out = new ArrayList<>();
    for (int i = 0; i < clients.size(); i++) {
      AceStepClient c = clients.get(i);
      out.add(new PoolMember(PoolServer.of(names.get(i), c.baseUrl(), Secret.none()), c));
    }
    return out;
  }

  /** A 2-second WAV text2music job of one take, its seed drawn from {@code id}. */
  static ExecStep generate(String id) {
    TaskRequest request =
        TaskRequest.builder()
            .prompt("pool " + id)
            .lyrics("[inst]")
            .audioDuration(2.0)
            .seed(7L + id.hashCode())
            .batchSize(1)
            .audioFormat("wav")
            .build();
    return TestExecutors.generate(id, request);
  }

  @Override
  public void close() {
    clients.forEach(AceStepClient::close);
    servers.forEach(EmbeddedServer::close);
  }
}
