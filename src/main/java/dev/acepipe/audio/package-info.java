/**
 * The engine's audio toolbox: WAV/FLAC/MP3 reading and writing (javax.sound with the jflac and
 * mp3spi providers for reading; our own RIFF writer and FLAC frame encoder, and jump3r's LAME port
 * for MP3), fast header probing, streaming SHA-256 and waveform summaries. Files are always written
 * atomically (temp file, then move).
 */
package dev.acepipe.audio;
