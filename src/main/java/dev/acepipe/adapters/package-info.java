/**
 * Server state a step depends on but cannot send in its request: the LoRA adapter set loaded on a
 * server ({@link dev.acepipe.adapters.AdapterGate}, which serializes jobs around changes of it) and
 * the models a server has and the task types each runs ({@link dev.acepipe.adapters.ModelCheck}).
 * Uses {@code client} only.
 */
package dev.acepipe.adapters;
