package dev.acepipe.pool;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class SecretTest {
  @Test
  void neverPrintsTheKeyEvenInsideAServer() {
    PoolServer server =
        new PoolServer(
            "gpu-1",
            "http://gpu-1:8001",
            Secret.of("sk-very-secret"),
            2,
            1,
            Set.of(),
            Set.of(),
            Set.of(),
            true);

    assertThat(server.toString()).doesNotContain("sk-very-secret").contains("***");
    assertThat(server.apiKey().reveal()).contains("sk-very-secret");
  }

  @Test
  void blankKeyMeansNone() {
    assertThat(Secret.of("  ").present()).isFalse();
    assertThat(Secret.of(null)).isEqualTo(Secret.none());
    assertThat(Secret.none().toString()).isEqualTo("none");
  }

  @Test
  void equalKeysAreEqualAndDifferentKeysAreNot() {
    assertThat(Secret.of("a1")).isEqualTo(Secret.of(" a1 "));
    assertThat(Secret.of("a1")).isNotEqualTo(Secret.of("a2"));
  }
}
