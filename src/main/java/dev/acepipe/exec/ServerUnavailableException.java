package dev.acepipe.exec;

/**
 * The server stayed unreachable longer than the outage bound; the run cannot go on. The message
 * names the server and the breaker.
 */
public final class ServerUnavailableException extends RuntimeException {
  private final String server;

  public ServerUnavailableException(String server, String message, Throwable cause) {
    super(message, cause);
    this.server = server;
  }

  public String server() {
    return server;
  }
}
