/**
 * Lineage tags: the recipe of a rendered file (pipeline, step, fingerprint, seed, model, acepipe
 * version) written into the file's own metadata and read back, at the container level and without
 * touching the audio frames: FLAC VORBIS_COMMENT, WAV LIST/INFO, MP3 ID3v2 TXXX. Entry point:
 * {@link dev.acepipe.audio.tag.LineageTags}.
 */
package dev.acepipe.audio.tag;
