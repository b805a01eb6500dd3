/**
 * The engine's audio toolbox: WAV/FLAC/MP3 reading and writing through library codecs (javax.sound with the
 * jflac and mp3spi providers for reading; java-flac-encoder and jump3r for writing), fast header probing,
 * streaming SHA-256 and waveform summaries. Files are always written atomically (temp file, then move).
 */
package dev.acepipe.audio;
