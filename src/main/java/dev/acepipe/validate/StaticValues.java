package dev.acepipe.validate;

import dev.acepipe.dsl.model.Part;
import dev.acepipe.dsl.model.Pipeline;
import dev.acepipe.dsl.model.Template;
import java.util.Optional;

/** What is known about values at validation time: vars whose value needs no env or params. */
final class StaticValues {
  private StaticValues() {}

  /** {@code t} with every {@code ${vars.X}} replaced where X is declared and constant. */
  static Template substituteVars(Pipeline p, Template t) {
    return t.substitute(
        part -> {
          if (part instanceof Part.VarRef v) {
            Template value = p.vars().get(v.name());
            return value == null ? Optional.empty() : value.constant();
          }
          return Optional.empty();
        });
  }
}
