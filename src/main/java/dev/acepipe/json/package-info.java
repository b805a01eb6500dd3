/**
 * How acepipe configures Jackson ({@link dev.acepipe.json.JsonMappers}). A bottom package that
 * imports nothing of acepipe, so the leaf packages ({@code client}, {@code server}, {@code store},
 * {@code album}) and the upper ones ({@code exec}, {@code report}, {@code cli}) share one
 * configuration without depending on each other.
 */
package dev.acepipe.json;
