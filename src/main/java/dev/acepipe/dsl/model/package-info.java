/**
 * The pipeline as data: records only ({@link dev.acepipe.dsl.model.Pipeline}, {@link
 * dev.acepipe.dsl.model.Step}, {@link dev.acepipe.dsl.model.StepKind}, the {@code ${...}}
 * expression AST). Every value is immutable and non-null unless its Javadoc says otherwise;
 * invariants live in compact constructors. No behaviour beyond small queries.
 */
package dev.acepipe.dsl.model;
