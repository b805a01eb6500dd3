package dev.acepipe.dsl.model;

import java.util.List;

/**
 * The server's stem names (upstream {@code TRACK_NAMES}): the values of {@code track} and {@code
 * tracks}.
 */
public final class Tracks {
  private Tracks() {}

  public static final List<String> NAMES =
      List.of(
          "woodwinds",
          "brass",
          "fx",
          "synth",
          "strings",
          "percussion",
          "keyboard",
          "guitar",
          "bass",
          "drums",
          "backing_vocals",
          "vocals");
}
