package dev.acepipe.json;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/**
 * The one place Jackson mappers are configured. Each call builds a new mapper: a mapper is mutable
 * until used, so handing out one shared instance would let one caller's {@code enable(...)} change
 * every other caller's output. Callers keep theirs in a field.
 */
public final class JsonMappers {
  private JsonMappers() {}

  /** Jackson's defaults: the ACE-Step wire, the embedded server, documents read back. */
  public static ObjectMapper standard() {
    return JsonMapper.builder().build();
  }

  /** {@link #standard()} with indented output, for files and answers people read. */
  public static ObjectMapper pretty() {
    return JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
  }

  /**
   * For acepipe's own stored documents: big decimals keep numbers exact, so canonical forms survive
   * a read/write round trip, and a duplicate key is an error rather than a silent last-one-wins.
   */
  public static ObjectMapper exact() {
    return JsonMapper.builder()
        .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
        .build();
  }
}
