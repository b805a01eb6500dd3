/**
 * The embedded ACE-Step-compatible HTTP server ({@code engine serve}, and the engine's default
 * backend): the REST contract of {@code acestep-api.md} (wrapper, error shapes, auth, queue, {@code
 * /v1/audio} confinement, uploads), a worker pool that renders jobs through a {@link
 * dev.acepipe.server.synth.Synthesizer}, rule-based {@code /format_input} and {@code
 * /create_random_sample}, and seeded fault injection for tests. Not AI.
 *
 * <p>{@link dev.acepipe.server.EmbeddedProfile} chooses which server generation it answers like:
 * acepipe's own behaviour, or the snapshot or newer ACE-Step generation with their traps (uploads,
 * paths, seeds, LM, auth, model inventory); {@code JobJournal} keeps job records across restarts
 * like upstream's disk cache. See {@code docs/server.md}.
 */
package dev.acepipe.server;
