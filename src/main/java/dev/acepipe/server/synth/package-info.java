/**
 * The embedded server's procedural synthesizer: a deterministic stand-in for the ACE-Step model
 * (not AI) that renders music-like audio honouring duration, tempo, key, metre, lyric sections and
 * the edit semantics of repaint and cover.
 */
package dev.acepipe.server.synth;
