package dev.acepipe.report.html;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SecretsTest {
  @Test
  void masksSecretNamedKeysAtAnyDepth() {
    var in =
        SampleRuns.request(
            "{\"api_key\":\"k1\",\"nested\":{\"ai_token\":\"k2\",\"list\":[{\"Authorization\":"
                + "\"Bearer k3\"},{\"x-api-key\":\"k4\"}],\"access_token\":\"k5\",\"password\":\"k6\"},\"prompt\":\"p\"}");

    var out = Secrets.redact(in);

    assertThat(out.toString())
        .doesNotContain("k1", "k2", "k3", "k4", "k5", "k6")
        .contains("\"prompt\":\"p\"");
    assertThat(out.get("api_key").asText()).isEqualTo(Secrets.MASK);
    assertThat(in.get("api_key").asText()).isEqualTo("k1");
  }

  @Test
  void keepsKeysThatOnlyMentionTokens() {
    assertThat(Secrets.isSecretKey("max_tokens")).isFalse();
    assertThat(Secrets.isSecretKey("lm_max_new_tokens")).isFalse();
    assertThat(Secrets.isSecretKey("tokenizer")).isFalse();
    assertThat(Secrets.isSecretKey("API_KEY")).isTrue();
    assertThat(Secrets.isSecretKey("apikey")).isTrue();
  }

  @Test
  void masksBearerTokensInText() {
    String text = Secrets.redactText("401 for Authorization: Bearer sk-abc.DEF_123 (token=zzzzzz)");

    assertThat(text)
        .doesNotContain("sk-abc", "zzzzzz")
        .contains("Bearer ***")
        .contains("token=***");
  }
}
