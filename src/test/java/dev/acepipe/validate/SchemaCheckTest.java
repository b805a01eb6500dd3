package dev.acepipe.validate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.acepipe.diagnostic.Diagnostic;
import dev.acepipe.dsl.Document;
import dev.acepipe.dsl.Vocabulary;
import dev.acepipe.dsl.YamlLoader;
import dev.acepipe.dsl.model.StepKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class SchemaCheckTest {
  private static final Path SCHEMA = Path.of("schemas/pipeline.schema.json");

  private static JsonNode schema() throws IOException {
    return new ObjectMapper().readTree(SCHEMA.toFile());
  }

  private static Set<String> keys(JsonNode objectSchema) {
    Set<String> keys = new TreeSet<>();
    objectSchema.path("properties").fieldNames().forEachRemaining(keys::add);
    return keys;
  }

  @Test
  void schemaAndDecoderAcceptExactlyTheSameKeys() throws IOException {
    JsonNode s = schema();

    assertThat(keys(s)).isEqualTo(new TreeSet<>(Vocabulary.TOP_KEYS));
    assertThat(keys(s.at("/$defs/step"))).isEqualTo(new TreeSet<>(Vocabulary.stepKeys()));
    assertThat(keys(s.at("/properties/defaults")))
        .isEqualTo(new TreeSet<>(Vocabulary.defaultKeys()));
    assertThat(keys(s.at("/$defs/server"))).isEqualTo(new TreeSet<>(Vocabulary.SERVER_KEYS));
    assertThat(keys(s.at("/$defs/serverEntry")))
        .isEqualTo(new TreeSet<>(Vocabulary.SERVER_ENTRY_KEYS));
    assertThat(keys(s.at("/properties/store"))).isEqualTo(new TreeSet<>(Vocabulary.STORE_KEYS));
    assertThat(s.path("additionalProperties").asBoolean(true)).isFalse();
    assertThat(s.at("/$defs/step/additionalProperties").asBoolean(true)).isFalse();
    assertThat(s.at("/properties/defaults/additionalProperties").asBoolean(true)).isFalse();
  }

  @Test
  void schemaListsEveryStepKind() throws IOException {
    List<String> kinds = new ArrayList<>();
    schema().at("/$defs/step/properties/type/enum").forEach(k -> kinds.add(k.asText()));

    assertThat(kinds).containsExactlyElementsOf(StepKind.yamlNames());
  }

  @Test
  void bundledSchemaIsTheSameFileEditorsUse() throws IOException {
    try (var in = SchemaCheck.class.getResourceAsStream(SchemaCheck.RESOURCE)) {
      assertThat(in).isNotNull();
      assertThat(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8))
          .isEqualTo(Files.readString(SCHEMA));
    }
  }

  @Test
  void schemaAcceptsEveryValidCorpusFileAndExample() throws IOException {
    List<Path> files = new ArrayList<>();
    try (Stream<Path> a = Files.list(Path.of("src/test/resources/pipelines/valid"));
        Stream<Path> b = Files.list(Path.of("dsl-examples"))) {
      Stream.concat(a, b).filter(p -> p.toString().endsWith(".yaml")).forEach(files::add);
    }

    for (Path file : files) {
      Document doc = new YamlLoader().load(file, file.toString()).loaded().orElseThrow();
      assertThat(SchemaCheck.instance().check(doc)).as(file.toString()).isEmpty();
    }
  }

  @Test
  void schemaErrorsAreLocatedOnTheOffendingNode() {
    Document doc =
        new YamlLoader()
            .load(
                "version: 1\nsteps:\n  a:\n    type: generate\n    bpm: 500\n    colour: red\n",
                "p.yaml")
            .loaded()
            .orElseThrow();

    List<Diagnostic> found = SchemaCheck.instance().check(doc);

    assertThat(found)
        .extracting(d -> d.code() + " " + d.location().line() + ":" + d.location().column())
        .contains("unknown-key 6:5");
    assertThat(found).anySatisfy(d -> assertThat(d.location().line()).isEqualTo(5));
  }

  @Test
  void schemaRejectsAKindSpecificFieldOnAnotherKind() {
    Document doc =
        new YamlLoader()
            .load("version: 1\nsteps:\n  a:\n    type: generate\n    strength: 0.5\n", "p.yaml")
            .loaded()
            .orElseThrow();

    List<Diagnostic> found = SchemaCheck.instance().check(doc);

    assertThat(found)
        .extracting(
            d ->
                d.code()
                    + " "
                    + d.location().line()
                    + ":"
                    + d.location().column()
                    + " "
                    + d.message())
        .containsExactly("unknown-key 5:5 schema: 'strength' does not apply to a generate step");
  }
}
