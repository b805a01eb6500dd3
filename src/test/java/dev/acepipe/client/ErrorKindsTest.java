package dev.acepipe.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.acepipe.client.AceStepException.Kind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;
import okhttp3.mockwebserver.MockResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every way a server answers an error reaches {@link AceStepException#kindOf}, whichever endpoint
 * it came from.
 */
class ErrorKindsTest extends MockServerSupport {
  @TempDir static Path dir;

  private static final Supplier<MockResponse> NO_LM_503 =
      () -> json(503, "{\"detail\": \"LLM not initialized\"}");
  private static final Supplier<MockResponse> NO_LM_WRAPPER =
      () ->
          json(
              200,
              "{\"data\": null, \"code\": 500, \"error\": \"LLM not initialized\", \"timestamp\": 1, \"extra\": null}");
  private static final Supplier<MockResponse> NOT_CONFIGURED =
      () -> json(503, "{\"detail\": \"API key is not configured\"}");
  private static final Supplier<MockResponse> PATH_400 =
      () -> json(400, "{\"detail\": \"absolute audio file paths are not allowed\"}");

  static Stream<Arguments> answers() {
    Consumer<AceStepClient> format =
        c -> c.formatInput(new FormatRequest("pop", "", null, null, null, null, null, null));
    Consumer<AceStepClient> sample = c -> c.randomSample("custom_mode");
    Consumer<AceStepClient> submit =
        c -> c.submit(TaskRequest.builder().srcAudioPath("/out/a.wav").build());
    Consumer<AceStepClient> upload =
        c ->
            c.submitWithUpload(
                TaskRequest.builder().referenceAudioPath("/x/ref.wav").build(), audio(), null);
    Consumer<AceStepClient> query = c -> c.query(List.of("t1"));
    Consumer<AceStepClient> stats = AceStepClient::stats;
    Consumer<AceStepClient> probe = c -> c.probe("/out/a.wav");
    Consumer<AceStepClient> download =
        c -> c.download("/v1/audio?path=%2Fout%2Fa.wav", dir.resolve("d.wav"));
    Consumer<AceStepClient> inventory = AceStepClient::modelInventory;
    return Stream.of(
        Arguments.of("format_input 503", format, NO_LM_503, Kind.LM_UNAVAILABLE),
        Arguments.of("format_input wrapper", format, NO_LM_WRAPPER, Kind.LM_UNAVAILABLE),
        Arguments.of("create_random_sample wrapper", sample, NO_LM_WRAPPER, Kind.LM_UNAVAILABLE),
        Arguments.of("release_task path", submit, PATH_400, Kind.PATH_REFUSED),
        Arguments.of("upload with a path field", upload, PATH_400, Kind.PATH_REFUSED),
        Arguments.of("release_task not configured", submit, NOT_CONFIGURED, Kind.NOT_CONFIGURED),
        Arguments.of("query_result not configured", query, NOT_CONFIGURED, Kind.NOT_CONFIGURED),
        Arguments.of("stats not configured", stats, NOT_CONFIGURED, Kind.NOT_CONFIGURED),
        Arguments.of("audio probe not configured", probe, NOT_CONFIGURED, Kind.NOT_CONFIGURED),
        Arguments.of("download not configured", download, NOT_CONFIGURED, Kind.NOT_CONFIGURED),
        Arguments.of("inventory not configured", inventory, NOT_CONFIGURED, Kind.NOT_CONFIGURED));
  }

  private static Path audio() {
    try {
      Path file = dir.resolve("src.wav");
      return Files.exists(file) ? file : Files.write(file, new byte[] {1, 2, 3, 4});
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("answers")
  void everyEndpointClassifiesTheAnswerAndNoneOfTheseIsRetried(
      String name, Consumer<AceStepClient> call, Supplier<MockResponse> answer, Kind kind) {
    server.enqueue(answer.get());

    AceStepException e = catchThrowableOfType(() -> call.accept(client), AceStepException.class);

    assertThat(e).as(name).isNotNull();
    assertThat(e.kind()).as(name).isEqualTo(kind);
    assertThat(e.isTransient()).as(name).isFalse();
  }

  @Test
  void aPlain500StaysGeneralAndTransient() {
    server.enqueue(new MockResponse().setResponseCode(500).setBody("Internal Server Error"));

    AceStepException e =
        catchThrowableOfType(() -> client.query(List.of("t1")), AceStepException.class);

    assertThat(e.kind()).isEqualTo(Kind.GENERAL);
    assertThat(e.isTransient()).isTrue();
  }
}
