package dev.acepipe.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TransientErrorsTest {
  private static AceStepException status(int code) {
    return new AceStepException("/release_task", code, "x", false, null);
  }

  @ParameterizedTest
  @ValueSource(ints = {AceStepException.NO_RESPONSE, 408, 429, 500, 502, 503, 504})
  void transportFailuresOverloadAndGatewayErrorsAreTransient(int code) {
    assertThat(TransientErrors.isTransient(status(code))).isTrue();
  }

  @ParameterizedTest
  @ValueSource(ints = {200, 400, 401, 403, 404, 415, 422})
  void refusalsAndGarbageArePermanent(int code) {
    assertThat(TransientErrors.isTransient(status(code))).isFalse();
  }

  @Test
  void wrapperErrorsArePermanent() {
    assertThat(
            new AceStepException("/format_input", 200, "LLM not initialized", true, null)
                .isTransient())
        .isFalse();
  }

  @Test
  void aRefusedUploadIsPermanentDespiteItsStatus500() {
    AceStepException refused =
        new AceStepException(
            "/release_task", 500, "no uploads", false, AceStepException.Kind.UPLOAD_REFUSED, null);

    assertThat(refused.isTransient()).isFalse();
    assertThat(status(500).kind()).isEqualTo(AceStepException.Kind.GENERAL);
  }

  @Test
  void exceptionsThatAreNotServerAnswersAreNotRetried() {
    assertThat(TransientErrors.isTransient(new IOException("disk full"))).isFalse();
  }

  @Test
  void a503WithoutTheLmIsPermanentForThatServer() {
    AceStepException e =
        new AceStepException(
            "/format_input",
            503,
            "LLM not initialized",
            false,
            AceStepException.kindOf(503, "LLM not initialized"),
            null);

    assertThat(e.kind()).isEqualTo(AceStepException.Kind.LM_UNAVAILABLE);
    assertThat(e.isTransient()).isFalse();
  }

  @Test
  void aServerWithoutAConfiguredKeyIsAConfigurationError() {
    assertThat(AceStepException.kindOf(503, "API key is not configured"))
        .isEqualTo(AceStepException.Kind.NOT_CONFIGURED);
    assertThat(AceStepException.kindOf(503, "Service Unavailable"))
        .isEqualTo(AceStepException.Kind.GENERAL);
  }

  @Test
  void aRefusedAbsolutePathIsItsOwnKind() {
    assertThat(AceStepException.kindOf(400, "absolute audio file paths are not allowed"))
        .isEqualTo(AceStepException.Kind.PATH_REFUSED);
    assertThat(AceStepException.kindOf(400, "bad request"))
        .isEqualTo(AceStepException.Kind.GENERAL);
  }
}
