/**
 * Reproducibility building blocks: concrete seeds ({@link dev.acepipe.store.Seeds}), canonical JSON
 * and step fingerprints ({@link dev.acepipe.store.CanonicalJson}, {@link
 * dev.acepipe.store.Fingerprint}), the content-addressed artifact store under {@code
 * .acepipe/store/} ({@link dev.acepipe.store.ArtifactStore}), the {@code <pipeline>.lock.json}
 * lockfile and its stale explanations ({@link dev.acepipe.store.Lockfile}, {@link
 * dev.acepipe.store.StaleExplainer}) and the task journal that lets a killed run re-attach ({@link
 * dev.acepipe.store.Journal}), the run lock of a pipeline ({@link dev.acepipe.store.RunLock}) and
 * the write-time check of files a run puts into the project ({@link
 * dev.acepipe.store.OutputGuard}). Everything here takes plain values (strings, Jackson trees,
 * paths) so the executor can call it without this package knowing the DSL. See {@code
 * docs/reproducibility.md}.
 */
package dev.acepipe.store;
