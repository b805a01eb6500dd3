/**
 * Runs a pipeline against one ACE-Step server: the {@link dev.acepipe.exec.Executor} loop (submit
 * ready steps, one batched poller, download and probe every take), the Resilience4j policies built
 * in one place ({@link dev.acepipe.exec.ResiliencePolicies}) and the ports the rest of the engine
 * plugs in (audio probe, journal/cache, progress listener, clock and sleeper).
 */
package dev.acepipe.exec;
