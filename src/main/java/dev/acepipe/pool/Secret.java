package dev.acepipe.pool;

import dev.acepipe.secret.Credentials;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * A server's API key. It never prints: {@link #toString()} is the mask every layer uses, so a
 * {@link PoolServer} can be logged, shown in a diagnostic or put in a record's {@code toString}
 * safely. Only the client that sends the key asks for {@link #reveal()}.
 */
public final class Secret {
  private static final Secret NONE = new Secret("");

  private final String value;

  private Secret(String value) {
    this.value = value;
  }

  /** The key {@code value}; blank or {@code null} means the server needs none. */
  public static Secret of(String value) {
    return value == null || value.isBlank() ? NONE : new Secret(value.strip());
  }

  /** No key. */
  public static Secret none() {
    return NONE;
  }

  /** Whether a key is set. */
  public boolean present() {
    return !value.isEmpty();
  }

  /** The key itself, for the one place that sends it; empty when none is set. */
  public Optional<String> reveal() {
    return present() ? Optional.of(value) : Optional.empty();
  }

  /** Equal keys are equal secrets; compared in constant time so equality leaks no prefix. */
  @Override
  public boolean equals(Object o) {
    return o instanceof Secret s
        && MessageDigest.isEqual(
            value.getBytes(StandardCharsets.UTF_8), s.value.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public int hashCode() {
    // Every key hashes alike: a hash derived from the key would be a cheap oracle for it.
    return present() ? 1 : 0;
  }

  @Override
  public String toString() {
    return present() ? Credentials.MASK : "none";
  }
}
