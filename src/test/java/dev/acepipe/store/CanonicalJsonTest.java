package dev.acepipe.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class CanonicalJsonTest {
  private final ObjectMapper mapper = new ObjectMapper();

  private JsonNode json(String text) throws Exception {
    return mapper.readTree(text);
  }

  @Test
  void keysAreSortedAndWhitespaceIsDropped() throws Exception {
    String canonical =
        CanonicalJson.canonical(json("{ \"b\": 1, \"a\": {\"z\": [1, 2], \"c\": null} }"));

    assertThat(canonical).isEqualTo("{\"a\":{\"c\":null,\"z\":[1,2]},\"b\":1}");
  }

  @Test
  void integralAndFractionalSpellingsOfTheSameNumberAreEqual() throws Exception {
    String a = CanonicalJson.canonical(json("{\"duration\": 120}"));
    String b = CanonicalJson.canonical(json("{\"duration\": 120.0}"));
    String c = CanonicalJson.canonical(json("{\"duration\": 1.2e2}"));
    ObjectNode d = JsonNodeFactory.instance.objectNode().put("duration", new BigDecimal("120.000"));

    assertThat(a)
        .isEqualTo("{\"duration\":120}")
        .isEqualTo(b)
        .isEqualTo(c)
        .isEqualTo(CanonicalJson.canonical(d));
  }

  @Test
  void fractionsKeepTheirShortestDecimalAndNegativeZeroIsZero() throws Exception {
    assertThat(CanonicalJson.canonical(json("[0.1, 0.50, -0.0, 1e-7, 1e40, 7.0e-40]")))
        .isEqualTo("[0.1,0.5,0,0.0000001,1E40,7E-40]");
    assertThat(CanonicalJson.canonical(JsonNodeFactory.instance.numberNode(0.1f))).isEqualTo("0.1");
  }

  @Test
  void stringsAreNfcNormalizedAndOnlyControlCharactersEscaped() {
    ObjectNode composed =
        JsonNodeFactory.instance.objectNode().put("prompt", "caf\u00e9 \"x\"\n\u0001/é");
    ObjectNode decomposed =
        JsonNodeFactory.instance.objectNode().put("prompt", "cafe\u0301 \"x\"\n\u0001/e\u0301");

    assertThat(CanonicalJson.canonical(composed))
        .isEqualTo(CanonicalJson.canonical(decomposed))
        .isEqualTo("{\"prompt\":\"caf\u00e9 \\\"x\\\"\\n\\u0001/\u00e9\"}");
  }

  @Test
  void prettyFormIsSortedTwoSpaceIndentedWithTrailingNewline() throws Exception {
    String pretty = CanonicalJson.pretty(json("{\"b\":[],\"a\":{\"y\":[1,{}],\"x\":true}}"));

    assertThat(pretty)
        .isEqualTo(
            """
        {
          "a": {
            "x": true,
            "y": [
              1,
              {}
            ]
          },
          "b": []
        }
        """);
  }

  @Test
  void nanHasNoCanonicalForm() {
    assertThatThrownBy(
            () -> CanonicalJson.canonical(JsonNodeFactory.instance.numberNode(Double.NaN)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void keysThatCollideAfterNormalizationAreRefused() {
    ObjectNode o = JsonNodeFactory.instance.objectNode().put("caf\u00e9", 1).put("cafe\u0301", 2);

    assertThatThrownBy(() -> CanonicalJson.canonical(o)).hasMessageContaining("NFC");
  }
}
