package dev.acepipe.secret;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CredentialsTest {
  @Test
  void namesThatHoldCredentialsAreCredentialsInEverySpelling() {
    for (String name :
        List.of(
            "api_key",
            "API_KEY",
            "apikey",
            "apiKey",
            "x_api_key",
            "x-api-key",
            "ai_token",
            "aiToken",
            "access_token",
            "auth_token",
            "mytoken",
            "token",
            "client_secret",
            "secret_key",
            "password",
            "db_password",
            "Authorization",
            "bearer",
            "credentials")) {
      assertThat(Credentials.isCredentialName(name)).as(name).isTrue();
    }
  }

  @Test
  void musicAndModelParametersThatMentionTokensOrKeysAreNot() {
    for (String name :
        List.of(
            "max_tokens",
            "lm_max_new_tokens",
            "tokenizer",
            "key",
            "key_scale",
            "keyscale",
            "lm_top_k",
            "prompt",
            "monkey")) {
      assertThat(Credentials.isCredentialName(name)).as(name).isFalse();
    }
  }

  @Test
  void maskedMapsReplaceCredentialValuesAtAnyDepth() {
    Map<String, Object> masked =
        Credentials.masked(
            Map.of(
                "prompt",
                "p",
                "nested",
                Map.of("x_api_key", "k1"),
                "list",
                List.of(Map.of("password", "k2"))));

    assertThat(masked.toString()).doesNotContain("k1", "k2").contains("prompt=p");
  }

  @Test
  void findsTheFirstCredentialPathInATree() throws Exception {
    var tree = new ObjectMapper().readTree("{\"a\":{\"b\":[{\"client_secret\":\"s\"}]}}");

    assertThat(Credentials.findCredentialName(tree)).contains("a.b[0].client_secret");
  }

  @Test
  void aRedactionRemovesTheValueFromEveryTextFieldNameAndEscapedForm() throws Exception {
    Redaction r = Redaction.of("sk-\"abc/123");
    ObjectNode tree =
        (ObjectNode)
            new ObjectMapper()
                .readTree(
                    "{\"v\":\"1.0 Bearer sk-\\\"abc/123\",\"inner\":\"[{\\\"m\\\":\\\"sk-\\\\\\\"abc/123\\\"}]\","
                        + "\"p\":\"/v1/audio?path=sk-%22abc%2F123\",\"sk-\\\"abc/123\":1}");

    String out = r.applyInPlace(tree).toString();

    assertThat(out).doesNotContain("abc/123", "abc%2F123").contains("Bearer ***");
  }

  @Test
  void urlsAreShownWithoutUserInfoQueryOrFragment() {
    assertThat(Credentials.maskInUrl("http://u:k3y@gpu:8001/x?token=k3y#k3y"))
        .isEqualTo("http://***@gpu:8001/x?***");
    assertThat(Credentials.maskInUrl("http://gpu:8001")).isEqualTo("http://gpu:8001");
  }

  @Test
  void aValueFeedsASecretWhenItIsPartOfIt() {
    Redaction r = Redaction.of("prefix-SECRETVALUE");

    assertThat(r.feeds("SECRETVALUE")).isTrue();
    assertThat(r.feeds("other")).isFalse();
    assertThat(r.feeds("pre")).as("too short to tell").isFalse();
  }
}
