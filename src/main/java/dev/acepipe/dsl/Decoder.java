package dev.acepipe.dsl;

import java.util.List;

/**
 * Turns a {@link Document} into a {@link dev.acepipe.dsl.model.Pipeline}, reporting every
 * structural problem: {@code unknown-key}, {@code wrong-type}, {@code missing-field} (document
 * level and {@code type}), {@code out-of-range} for literal values, {@code unknown-kind}, {@code
 * unsupported-version} and malformed {@code ${...}} ({@code bad-expression}), {@code
 * unknown-template} and {@code select-rule}. It also decodes {@code params:}, {@code templates:},
 * {@code album:} and the libraries an {@code include:} pulled in (merged under the including file;
 * every diagnostic names the file the node comes from). Semantic rules across steps live in {@code
 * validate}.
 *
 * <p>Each part of a pipeline has its own decoder ({@code PipelineDecoder} for the top level, then
 * steps, select rules, params, album, outputs, templates, values); the keys they accept are the
 * {@link Vocabulary}. Stateless and thread-safe: every call decodes with fresh part decoders.
 */
public final class Decoder {

  /** Decodes {@code doc}, which includes nothing; never throws for bad input. */
  public Decoded decode(Document doc) {
    return decode(doc, List.of());
  }

  /**
   * Decodes {@code doc} with the files its {@code include:} names already loaded (see {@link
   * Includes}).
   *
   * @param included lowest precedence first; {@code doc} itself wins over all of them
   */
  public Decoded decode(Document doc, List<Document> included) {
    return new PipelineDecoder(doc, included).decode();
  }
}
