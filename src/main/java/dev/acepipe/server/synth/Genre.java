package dev.acepipe.server.synth;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Genre words in a caption and the tempo ranges they imply (slow 60–80, medium 90–130, fast
 * 130–180).
 */
enum Genre {
  BALLAD("ballad", 62, 78),
  AMBIENT("ambient", 60, 80),
  LOFI("lo-fi", 70, 88),
  LOFI2("lofi", 70, 88),
  REGGAE("reggae", 70, 85),
  HIPHOP("hip hop", 85, 98),
  HIPHOP2("hip-hop", 85, 98),
  RNB("r&b", 80, 100),
  JAZZ("jazz", 90, 130),
  FUNK("funk", 100, 115),
  POP("pop", 100, 124),
  DISCO("disco", 115, 125),
  HOUSE("house", 120, 128),
  SYNTHWAVE("synthwave", 95, 118),
  ROCK("rock", 110, 140),
  EDM("edm", 124, 130),
  TECHNO("techno", 125, 138),
  TRAP("trap", 135, 150),
  METAL("metal", 130, 170),
  PUNK("punk", 160, 180),
  DNB("drum and bass", 170, 176),
  DNB2("dnb", 170, 176);

  final String word;
  final int minBpm;
  final int maxBpm;

  Genre(String word, int minBpm, int maxBpm) {
    this.word = word;
    this.minBpm = minBpm;
    this.maxBpm = maxBpm;
  }

  /** Genres named in {@code caption}, in declaration order. */
  static List<Genre> in(String caption) {
    String c = caption.toLowerCase(Locale.ROOT);
    List<Genre> found = new ArrayList<>();
    for (Genre g : values()) {
      if (c.contains(g.word)) {
        found.add(g);
      }
    }
    return found;
  }
}
