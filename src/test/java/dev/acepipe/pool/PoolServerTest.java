package dev.acepipe.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PoolServerTest {
  @Test
  void rejectsBadValuesNamingTheServer() {
    PoolServer ok = PoolServer.of("gpu-1", "http://a", Secret.none());

    assertThatThrownBy(() -> ok.withMaxParallel(0))
        .hasMessageContaining("gpu-1")
        .hasMessageContaining("max_parallel");
    assertThatThrownBy(() -> ok.withWeight(0)).hasMessageContaining("weight");
    assertThatThrownBy(() -> PoolServer.of("bad name", "http://a", Secret.none()))
        .hasMessageContaining("'bad name'");
    assertThatThrownBy(() -> PoolServer.of("x", " ", Secret.none()))
        .hasMessageContaining("empty url");
  }

  @Test
  void saysWhyItCannotRunAJob() {
    PoolServer snapshot =
        PoolServer.of("old", "http://a", Secret.none())
            .withModels(Set.of("acestep-v15-turbo"))
            .withTaskTypes(Set.of("text2music", "repaint"))
            .withAcceptsUploads(false);

    PoolJob base = PoolJob.generate("a", "acestep-v15-base", List.of(1L));
    PoolJob lego =
        new PoolJob("b", "acestep-v15-turbo", "lego", Set.of(), Source.none(), List.of(1L));
    PoolJob elsewhere =
        new PoolJob(
            "c", "acestep-v15-turbo", "repaint", Set.of(), new Source.OnServer("new"), List.of());
    PoolJob here =
        new PoolJob(
            "d", "acestep-v15-turbo", "repaint", Set.of(), new Source.OnServer("old"), List.of());

    assertThat(snapshot.unfitFor(base)).isEqualTo("no model acestep-v15-base");
    assertThat(snapshot.unfitFor(lego)).isEqualTo("no task type lego");
    assertThat(snapshot.unfitFor(elsewhere)).contains("source audio is on new");
    assertThat(snapshot.unfitFor(here)).isNull();
  }
}
