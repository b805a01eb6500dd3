package dev.acepipe.album;

/**
 * No take could be chosen: every candidate is silent, an index is out of range, a manual choice
 * names no candidate, or an explicitly indexed take is silent. The message names the rule and the
 * takes.
 */
public final class SelectionException extends Exception {
  public SelectionException(String message) {
    super(message);
  }
}
