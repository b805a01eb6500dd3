package dev.acepipe.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class FingerprintTest {
  private final ObjectMapper mapper = new ObjectMapper();

  private ObjectNode request(String json) throws Exception {
    return (ObjectNode) mapper.readTree(json);
  }

  // Golden values computed independently (Python json.dumps(sort_keys, compact) + hashlib) from the
  // documented
  // preimage. A change here invalidates every user's cache: bump the scheme instead.
  @Test
  void fingerprintOfAGenerateRequestMatchesTheGoldenValue() throws Exception {
    ObjectNode req =
        request(
            "{\"kind\":\"generate\",\"prompt\":\"synthwave\",\"audio_duration\":120,\"bpm\":100,"
                + "\"seed\":12345,\"model\":\"acestep-v15-turbo\",\"batch_size\":2,\"thinking\":true}");

    Fingerprint fp = Fingerprint.of(req, List.of());

    assertThat(fp.toString())
        .isEqualTo("v1-e93708f8b245ec5411c5d60697c0163339f6acc30b11b5c77cfd3f7aaf47b8c6");
  }

  @Test
  void fingerprintIncludesInputHashesInOrderButNotTheirReferences() throws Exception {
    ObjectNode req =
        request(
            "{\"kind\":\"repaint\",\"repainting_start\":45,\"repainting_end\":60.0,"
                + "\"prompt\":\"big chorus\",\"seed\":7,\"model\":\"acestep-v15-turbo\"}");
    StepInput a = new StepInput("longer#0", "a".repeat(64));
    StepInput b = new StepInput("ref#0", "b".repeat(64));

    Fingerprint fp = Fingerprint.of(req, List.of(a, b));

    assertThat(fp.toString())
        .isEqualTo("v1-7e2c65b43d2af9550fa316443c8ae4266d1702a9165a95faa28836d3e5b8d93b");
    assertThat(Fingerprint.of(req, List.of(new StepInput("renamed#0", a.sha256()), b)))
        .isEqualTo(fp);
    assertThat(Fingerprint.of(req, List.of(b, a))).isNotEqualTo(fp);
  }

  @Test
  void keyOrderAndNumberSpellingDoNotChangeTheFingerprint() throws Exception {
    Fingerprint one =
        Fingerprint.of(
            request("{\"seed\":1,\"audio_duration\":120,\"kind\":\"generate\"}"), List.of());
    Fingerprint two =
        Fingerprint.of(
            request("{\"kind\":\"generate\",\"audio_duration\":120.0,\"seed\":1}"), List.of());

    assertThat(one).isEqualTo(two);
  }

  @Test
  void everyParameterChangesTheFingerprint() throws Exception {
    Fingerprint base =
        Fingerprint.of(request("{\"kind\":\"generate\",\"seed\":1,\"model\":\"m\"}"), List.of());

    assertThat(
            Fingerprint.of(
                request("{\"kind\":\"generate\",\"seed\":2,\"model\":\"m\"}"), List.of()))
        .isNotEqualTo(base);
    assertThat(
            Fingerprint.of(
                request("{\"kind\":\"generate\",\"seed\":1,\"model\":\"n\"}"), List.of()))
        .isNotEqualTo(base);
    assertThat(
            Fingerprint.of(request("{\"kind\":\"cover\",\"seed\":1,\"model\":\"m\"}"), List.of()))
        .isNotEqualTo(base);
  }

  @Test
  void requestsCarryingCredentialsAreRefused() throws Exception {
    ObjectNode req = request("{\"kind\":\"generate\",\"extra\":{\"ai_token\":\"sk-123\"}}");

    assertThatThrownBy(() -> Fingerprint.of(req, List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("extra.ai_token")
        .hasMessageNotContaining("sk-123");
  }

  @Test
  void pendingInputsCannotBeFingerprinted() throws Exception {
    assertThatThrownBy(() -> Fingerprint.of(request("{}"), List.of(StepInput.pending("draft#0"))))
        .hasMessageContaining("draft#0");
  }

  @Test
  void textFormParsesBack() {
    Fingerprint fp = new Fingerprint("v1", "c".repeat(64));

    assertThat(Fingerprint.parse(fp.toString())).isEqualTo(fp);
    assertThatThrownBy(() -> Fingerprint.parse("v1-xyz"))
        .hasMessageContaining("v1-<64 hex digits>");
  }
}
