package dev.acepipe.store;

import com.fasterxml.jackson.databind.JsonNode;
import dev.acepipe.secret.Credentials;

/**
 * Keeps credentials out of recipes: a request carrying a field whose name is a credential (by
 * {@link Credentials#isCredentialName}) is refused before it can reach a fingerprint, the store or
 * the lockfile (which live in git). Refusing rather than stripping keeps fingerprints honest: the
 * caller builds the request without auth, and sends auth separately. Validation reports such fields
 * first, located.
 */
final class Secrets {
  private Secrets() {}

  /**
   * Throws {@link IllegalArgumentException} naming the first credential-like field found anywhere
   * in the tree.
   */
  static void requireNone(JsonNode node, String where) {
    Credentials.findCredentialName(node)
        .ifPresent(
            found -> {
              throw new IllegalArgumentException(
                  where
                      + " carries a credential-like field '"
                      + found
                      + "'; credentials never enter fingerprints, the store or lockfiles");
            });
  }
}
