package dev.acepipe.exec;

import dev.acepipe.client.AceStepClient;
import java.util.Objects;
import java.util.function.Function;

/**
 * A pool lane's client: every call to the server runs outside the {@link RunLock}, so while one
 * server answers slowly (a download, an upload, a hung connection) the other servers' drivers go
 * on. Everything a call streams through (hashing, take checks measured as the bytes arrive) runs
 * outside the lock as well. Subclasses may wrap single calls.
 */
class UnlockedClient extends ForwardingClient {
  private final AceStepClient delegate;
  private final RunLock lock;

  UnlockedClient(AceStepClient delegate, RunLock lock) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
    this.lock = Objects.requireNonNull(lock, "lock");
  }

  /** Runs one call to the server outside the run's lock. */
  @Override
  <T> T call(Function<AceStepClient, T> call) {
    return lock.outside(() -> call.apply(delegate));
  }

  @Override
  public String baseUrl() {
    return delegate.baseUrl();
  }

  /** The lane does not own the client: the run's caller closes it. */
  @Override
  public void close() {}
}
