package dev.acepipe.exec;

import dev.acepipe.client.AceStepClient;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A client whose server is started on the first call that needs it. {@code engine run} uses it for
 * the embedded server: a fully cached run never starts one (starting the web stack costs more than
 * the whole cached run). Not thread-safe to start concurrently; the executor calls it from one
 * thread.
 */
public final class LazyClient extends ForwardingClient {
  private final String placeholderUrl;
  private final Supplier<AceStepClient> start;
  private AceStepClient delegate;

  /**
   * @param placeholderUrl what {@link #baseUrl()} says until the server is started
   * @param start starts the server and returns a client for it; called at most once
   */
  public LazyClient(String placeholderUrl, Supplier<AceStepClient> start) {
    this.placeholderUrl = Objects.requireNonNull(placeholderUrl, "placeholderUrl");
    this.start = Objects.requireNonNull(start, "start");
  }

  /** Whether a call has started the server. */
  public boolean started() {
    return delegate != null;
  }

  /** Starts the server on the first call that needs it. */
  @Override
  <T> T call(Function<AceStepClient, T> call) {
    if (delegate == null) {
      delegate = Objects.requireNonNull(start.get(), "start returned no client");
    }
    return call.apply(delegate);
  }

  @Override
  public String baseUrl() {
    return delegate == null ? placeholderUrl : delegate.baseUrl();
  }

  @Override
  public void close() {
    if (delegate != null) {
      delegate.close();
    }
  }
}
