/**
 * The runtime side of album and remix recipes: ITU-R BS.1770 integrated loudness and normalization
 * ({@link dev.acepipe.album.Loudness}), picking one take out of many by a rule ({@link
 * dev.acepipe.album.TakeSelector}), and writing an album's numbered files, playlist and track list
 * ({@link dev.acepipe.album.AlbumWriter}). Plain Java APIs over {@code dev.acepipe.audio}; the DSL
 * maps YAML onto them and the executor calls them.
 */
package dev.acepipe.album;
