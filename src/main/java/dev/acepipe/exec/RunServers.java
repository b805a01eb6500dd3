package dev.acepipe.exec;

import dev.acepipe.client.AceStepClient;
import dev.acepipe.pool.FailoverConfig;
import dev.acepipe.pool.PoolServer;
import dev.acepipe.pool.Secret;
import java.util.List;
import java.util.Objects;

/**
 * The servers an {@link Executor} renders on: one member, or a pool of two or more with the
 * failover that moves jobs off a server that went down (unused for one server).
 *
 * @param members the servers in declared order; the first is the one a result names
 * @param failover when a pool's server counts as down and how often a job may move
 */
public record RunServers(List<PoolMember> members, FailoverConfig failover) {
  public RunServers {
    members = List.copyOf(members);
    if (members.isEmpty()) {
      throw new IllegalArgumentException("no servers to run on");
    }
    Objects.requireNonNull(failover, "failover");
  }

  /** One server, named {@code server}, reached by {@code client}. */
  public static RunServers one(AceStepClient client) {
    return new RunServers(
        List.of(new PoolMember(PoolServer.of("server", client.baseUrl(), Secret.none()), client)),
        FailoverConfig.DEFAULTS);
  }

  /** Whether there are two or more servers to route between. */
  boolean isPool() {
    return members.size() > 1;
  }
}
