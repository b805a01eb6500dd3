package dev.acepipe.exec;

import dev.acepipe.client.AceStepClient;
import dev.acepipe.pool.PoolServer;
import java.util.Objects;

/**
 * One server of a pool as {@code engine run} declares it: its routing facts and its client.
 *
 * @param server name, URL, {@code max_parallel} (its Bulkhead), weight and labels
 * @param client the client for {@link PoolServer#url()}; the executor does not close it
 */
public record PoolMember(PoolServer server, AceStepClient client) {
  public PoolMember {
    Objects.requireNonNull(server, "server");
    Objects.requireNonNull(client, "client");
  }
}
