/**
 * Measurements of decoded audio in one streaming pass with bounded memory: ITU-R BS.1770-4 loudness
 * with gating, EBU Tech 3342 loudness range, sample and true peak, clipping, silence, duration and
 * tempo. Depends only on the audio package, so any part of acepipe (album mastering, take checks,
 * reports, the CLI) can use it.
 */
package dev.acepipe.audio.analysis;
