package dev.acepipe.store.remote;

import java.io.IOException;

/**
 * The remote store cannot be used right now: unreachable, bucket missing, access denied, timed out.
 * The message is one line meant for a user ("unreachable (connection refused)"), never holding
 * credentials.
 */
public final class RemoteUnavailableException extends IOException {
  public RemoteUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
