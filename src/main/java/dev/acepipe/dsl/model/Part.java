package dev.acepipe.dsl.model;

import java.util.Objects;

/**
 * One piece of a {@link Template}: literal text or a {@code ${...}} reference. A closed set;
 * dispatch with {@code instanceof}.
 */
public sealed interface Part
    permits Part.Literal,
        Part.VarRef,
        Part.EnvRef,
        Part.ParamRef,
        Part.MatrixRef,
        Part.StepFieldRef {

  /** Plain text, already unescaped ({@code $${} became {@code ${}). */
  record Literal(String text) implements Part {
    public Literal {
      Objects.requireNonNull(text, "text");
    }
  }

  /** {@code ${vars.NAME}}: resolved at validation and plan time. */
  record VarRef(String name) implements Part {
    public VarRef {
      Objects.requireNonNull(name, "name");
    }
  }

  /**
   * {@code ${env.NAME}} or {@code ${env.NAME:-fallback}}: resolved at plan time. {@code fallback}
   * is null when no default was written (an unset variable is then an error).
   */
  record EnvRef(String name, String fallback) implements Part {
    public EnvRef {
      Objects.requireNonNull(name, "name");
    }
  }

  /**
   * {@code ${params.NAME}} or {@code ${params.NAME:-fallback}}: a {@code --set NAME=VALUE} given to
   * the planner. {@code fallback} is null when no default was written (a missing param is then an
   * error).
   */
  record ParamRef(String name, String fallback) implements Part {
    public ParamRef {
      Objects.requireNonNull(name, "name");
    }
  }

  /** {@code ${matrix.NAME}}: the value of a matrix key of the enclosing step's instance. */
  record MatrixRef(String name) implements Part {
    public MatrixRef {
      Objects.requireNonNull(name, "name");
    }
  }

  /**
   * {@code ${steps.ID.FIELD}}: an output of an upstream step; an edge of the graph and resolved at
   * run time. In a plan, {@code step} is an instance id.
   */
  record StepFieldRef(String step, OutputField field) implements Part {
    public StepFieldRef {
      Objects.requireNonNull(step, "step");
      Objects.requireNonNull(field, "field");
    }
  }
}
