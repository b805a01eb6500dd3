package dev.acepipe.dsl.model;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One piece of a {@link Template}: literal text or a {@code ${...}} reference. A closed set;
 * dispatch with {@code instanceof}.
 */
public sealed interface Part
    permits Part.Literal, Part.VarRef, Part.GivenRef, Part.MatrixRef, Part.StepFieldRef {

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
   * A value given to the planner from outside the pipeline, {@code ${SCOPE.NAME}} or {@code
   * ${SCOPE.NAME:-fallback}}: resolved at plan time. {@code fallback} is null when no default was
   * written (a missing value is then an error).
   */
  sealed interface GivenRef extends Part permits EnvRef, ParamRef {
    String name();

    String fallback();

    /** The value {@code given} holds for {@link #name()}, else the default written, else empty. */
    default Optional<String> valueIn(Map<String, String> given) {
      String value = given.get(name());
      return Optional.ofNullable(value != null ? value : fallback());
    }
  }

  /** {@code ${env.NAME}}: an environment variable. */
  record EnvRef(String name, String fallback) implements GivenRef {
    public EnvRef {
      Objects.requireNonNull(name, "name");
    }
  }

  /** {@code ${params.NAME}}: a {@code --set NAME=VALUE} given to the planner. */
  record ParamRef(String name, String fallback) implements GivenRef {
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
