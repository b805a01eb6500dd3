/**
 * Reading pipeline files: {@link dev.acepipe.dsl.YamlLoader} composes YAML safely into a node tree
 * that keeps every line:column (no object construction, no custom tags, duplicate keys rejected,
 * alias, depth and size limits), {@link dev.acepipe.dsl.Expressions} parses {@code ${...}} once
 * into the model's AST, and {@link dev.acepipe.dsl.Decoder} turns the tree into {@link
 * dev.acepipe.dsl.model.Pipeline} records, collecting every structural problem as a located
 * diagnostic. The decoder is one class per part of a pipeline ({@code PipelineDecoder}, {@code
 * StepDecoder}, {@code SelectDecoder}, {@code ParamsDecoder}, {@code AlbumDecoder}, ...) sharing
 * the node helpers in {@code Nodes}; the keys they accept are {@link dev.acepipe.dsl.Vocabulary}.
 *
 * <p>{@link dev.acepipe.dsl.Includes} loads the library files an {@code include:} names (cycles and
 * missing files located); {@link dev.acepipe.dsl.Decoder} merges their params, defaults, vars and
 * templates under the including file's and expands {@code use:}, locating every value in its own
 * file.
 */
package dev.acepipe.dsl;
