package dev.acepipe.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class QueryResultTest extends MockServerSupport {

  private static final String TAKE_JSON =
      "{\"file\": \"/v1/audio?path=%2Fsrv%2Fout%2Fa%20b.flac\", \"status\": 1,"
          + " \"prompt\": \"synthwave\", \"lyrics\": \"[inst]\", \"metas\": {\"bpm\": 100, \"duration\": 30.0,"
          + " \"keyscale\": \"A minor\", \"timesignature\": \"4\", \"genres\": \"electronic\"},"
          + " \"seed_value\": \"123,456\", \"dit_model\": \"acestep-v15-turbo\", \"lm_model\": \"lm-1.7b\","
          + " \"generation_info\": \"\", \"progress\": 1.0, \"stage\": \"succeeded\"}";

  @Test
  void asksForEveryIdInOneJsonCall() throws Exception {
    server.enqueue(
        wrapped(
            "["
                + item(
                    "a",
                    0,
                    "[{\"file\": \"\", \"status\": 0, \"progress\": 0.0,"
                        + " \"stage\": \"queued\"}]")
                + ", "
                + item("b", 0, "[]")
                + "]"));

    client.query(List.of("a", "b"));

    var request = server.takeRequest();
    assertThat(request.getPath()).isEqualTo("/query_result");
    assertThat(request.getHeader("Content-Type")).isEqualTo("application/json");
    assertThat(
            new ObjectMapper()
                .readTree(request.getBody().readUtf8())
                .get("task_id_list")
                .toString())
        .isEqualTo("[\"a\",\"b\"]");
  }

  @Test
  void runningTaskIsPendingWithProgressAndStage() {
    server.enqueue(
        wrapped(
            "["
                + item(
                    "a",
                    0,
                    "[{\"file\": \"\", \"status\": 0, \"progress\": 0.4,"
                        + " \"stage\": \"running\"}]")
                + "]"));

    assertThat(client.query(List.of("a")))
        .containsExactly(new TaskStatus.Pending("a", 0.4, "running"));
  }

  @Test
  void emptyResultListMeansTheServerDoesNotKnowTheId() {
    server.enqueue(wrapped("[" + item("lost", 0, "[]") + "]"));

    assertThat(client.query(List.of("lost"))).containsExactly(new TaskStatus.Unknown("lost"));
  }

  @Test
  void succeededTaskParsesTheResultStringIntoTakes() {
    server.enqueue(wrapped("[" + item("a", 1, "[" + TAKE_JSON + "]") + "]"));

    List<TaskStatus> statuses = client.query(List.of("a"));

    assertThat(statuses).hasSize(1).first().isInstanceOf(TaskStatus.Succeeded.class);
    Take take = ((TaskStatus.Succeeded) statuses.get(0)).takes().get(0);
    assertThat(take.fileUrl()).isEqualTo("/v1/audio?path=%2Fsrv%2Fout%2Fa%20b.flac");
    assertThat(take.serverPath()).isEqualTo("/srv/out/a b.flac");
    assertThat(take.metas()).isEqualTo(new Metas(100.0, 30.0, "A minor", "4", "electronic"));
    assertThat(take.seedValue()).isEqualTo("123,456");
    assertThat(take.ditModel()).isEqualTo("acestep-v15-turbo");
    assertThat(take.lmModel()).isEqualTo("lm-1.7b");
    assertThat(take.prompt()).isEqualTo("synthwave");
  }

  @Test
  void fewerTakesThanRequestedAreAccepted() {
    // Asked for batch_size 4; the server dropped silent takes and returned one.
    server.enqueue(wrapped("[" + item("a", 1, "[" + TAKE_JSON + "]") + "]"));

    TaskStatus status = client.query(List.of("a")).get(0);

    assertThat(((TaskStatus.Succeeded) status).takes()).hasSize(1);
  }

  @Test
  void notAvailableMetasBecomeNull() {
    server.enqueue(
        wrapped(
            "["
                + item(
                    "a",
                    1,
                    "[{\"file\": \"/v1/audio?path=%2Fo%2Fx.mp3\", \"status\": 1,"
                        + " \"metas\": {\"bpm\": \"N/A\", \"duration\": \"N/A\", \"keyscale\": \"N/A\", \"timesignature\": \"N/A\","
                        + " \"genres\": \"N/A\"}, \"seed_value\": 7}]")
                + "]"));

    Take take = ((TaskStatus.Succeeded) client.query(List.of("a")).get(0)).takes().get(0);

    assertThat(take.metas()).isEqualTo(Metas.EMPTY);
    assertThat(take.seedValue()).isEqualTo("7");
  }

  @Test
  void numericMetasSentAsStringsAreParsed() {
    server.enqueue(
        wrapped(
            "["
                + item(
                    "a",
                    1,
                    "[{\"file\": \"\", \"status\": 1,"
                        + " \"metas\": {\"bpm\": \"120\", \"duration\": \"61.5\"}}]")
                + "]"));

    Take take = ((TaskStatus.Succeeded) client.query(List.of("a")).get(0)).takes().get(0);

    assertThat(take.metas().bpm()).isEqualTo(120.0);
    assertThat(take.metas().duration()).isEqualTo(61.5);
  }

  @Test
  void emptyFileGivesATakeWithoutServerPath() {
    server.enqueue(wrapped("[" + item("a", 1, "[{\"file\": \"\", \"status\": 1}]") + "]"));

    Take take = ((TaskStatus.Succeeded) client.query(List.of("a")).get(0)).takes().get(0);

    assertThat(take.fileUrl()).isEmpty();
    assertThat(take.serverPath()).isEmpty();
    assertThat(take.metas()).isEqualTo(Metas.EMPTY);
  }

  @Test
  void failedTaskWithoutReasonOnOlderServers() {
    server.enqueue(wrapped("[" + item("a", 2, "[{\"file\": \"\", \"status\": 2}]") + "]"));

    TaskStatus status = client.query(List.of("a")).get(0);

    assertThat(status).isEqualTo(new TaskStatus.Failed("a", null));
    assertThat(((TaskStatus.Failed) status).reasonIfAny()).isEmpty();
  }

  @Test
  void failedTaskCarriesTheErrorNewerServersGive() {
    server.enqueue(
        wrapped(
            "[{\"task_id\": \"a\", \"status\": 2, \"result\": \"[{\\\"file\\\": \\\"\\\","
                + " \\\"status\\\": 2}]\", \"error\": \"CUDA out of memory\"}]"));

    assertThat(client.query(List.of("a")))
        .containsExactly(new TaskStatus.Failed("a", "CUDA out of memory"));
  }

  @Test
  void outerFailedWithInnerPendingIsPresumedTimedOut() {
    server.enqueue(
        wrapped(
            "["
                + item(
                    "a",
                    2,
                    "[{\"file\": \"\", \"status\": 0, \"progress\": 0.9,"
                        + " \"stage\": \"running\"}]")
                + "]"));

    assertThat(client.query(List.of("a"))).containsExactly(new TaskStatus.PresumedTimedOut("a"));
  }

  @Test
  void itemsAreMatchedToIdsEvenWhenReordered() {
    server.enqueue(
        wrapped("[" + item("b", 0, "[]") + ", " + item("a", 2, "[{\"status\": 2}]") + "]"));

    assertThat(client.query(List.of("a", "b")))
        .containsExactly(new TaskStatus.Failed("a", null), new TaskStatus.Unknown("b"));
  }

  @Test
  void aResultCountThatDoesNotMatchTheIdsIsGarbage() {
    server.enqueue(wrapped("[" + item("a", 0, "[]") + "]"));

    AceStepException e =
        catchThrowableOfType(() -> client.query(List.of("a", "b")), AceStepException.class);

    assertThat(e.detail()).contains("asked about 2 task(s), got 1");
  }

  @Test
  void aResultThatIsNotJsonIsGarbage() {
    server.enqueue(wrapped("[" + item("a", 1, "not json") + "]"));

    AceStepException e =
        catchThrowableOfType(() -> client.query(List.of("a")), AceStepException.class);

    assertThat(e.detail()).contains("result is not JSON");
  }

  @Test
  void noIdsMeansNoRequest() {
    assertThat(client.query(List.of())).isEmpty();
    assertThat(server.getRequestCount()).isZero();
  }
}
