package dev.acepipe.client;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ServerPathTest {
  @Test
  void thePathParameterIsUrlDecoded() {
    assertThat(TaskStatuses.serverPath("/v1/audio?path=%2Fsrv%2Fout%2Fr%C3%A9mix%20one.flac"))
        .isEqualTo("/srv/out/rémix one.flac");
  }

  @Test
  void otherParametersAreIgnoredWhereverPathIs() {
    assertThat(TaskStatuses.serverPath("http://gpu-1:8001/v1/audio?x=1&path=%2Fo%2Fa.wav&y=2"))
        .isEqualTo("/o/a.wav");
  }

  @Test
  void plusMeansSpaceAsTheServerReadsIt() {
    assertThat(TaskStatuses.serverPath("/v1/audio?path=/o/a+b.mp3")).isEqualTo("/o/a b.mp3");
  }

  @Test
  void urlsWithoutPathGiveAnEmptyServerPath() {
    assertThat(TaskStatuses.serverPath("")).isEmpty();
    assertThat(TaskStatuses.serverPath("/v1/audio?file=x")).isEmpty();
  }
}
