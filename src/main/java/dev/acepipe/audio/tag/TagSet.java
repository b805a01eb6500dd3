package dev.acepipe.audio.tag;

/**
 * The tags one rewrite of a file sets: the lineage, the track fields, or both. What is absent is
 * left as the file has it; what is present replaces the file's earlier values of the same fields.
 *
 * @param lineage null to keep the file's lineage
 * @param track null to keep the file's title, artist, album and track fields
 */
record TagSet(Lineage lineage, TrackInfo track) {
  TagSet {
    if (lineage == null && track == null) {
      throw new IllegalArgumentException("nothing to tag");
    }
  }
}
