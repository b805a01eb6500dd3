package dev.acepipe.client;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where {@link OkHttpAceStepClient} writes one line per HTTP exchange (method, path, status, time).
 *
 * <p>Lines never contain headers, bodies or the API key. Implementations must be thread-safe.
 */
@FunctionalInterface
public interface WireLog {
  void log(String line);

  /** Logs at DEBUG on the {@code dev.acepipe.client.http} slf4j logger. */
  static WireLog slf4j() {
    return slf4j(LoggerFactory.getLogger("dev.acepipe.client.http"));
  }

  /** Logs at DEBUG on {@code logger}. */
  static WireLog slf4j(Logger logger) {
    return logger::debug;
  }
}
