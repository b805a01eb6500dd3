package dev.acepipe.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ClientConfigTest {
  @Test
  void trailingSlashesAreDroppedAndBlankKeysMeanNoKey() {
    ClientConfig config = ClientConfig.custom("http://gpu-1:8001//").apiKey("  ").build();

    assertThat(config.baseUrl()).isEqualTo("http://gpu-1:8001");
    assertThat(config.apiKeyIfAny()).isEmpty();
  }

  @Test
  void toStringHidesTheKey() {
    ClientConfig config = ClientConfig.custom("http://gpu-1:8001").apiKey("sk-very-secret").build();

    assertThat(config.toString()).doesNotContain("sk-very-secret").contains("apiKey=***");
  }

  @Test
  void urlsWithCredentialsAreRejectedWithoutEchoingThem() {
    assertThatThrownBy(() -> ClientConfig.custom("http://user:hunter2@gpu-1:8001").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must not contain credentials")
        .hasMessageNotContaining("hunter2");
  }

  @Test
  void nonHttpUrlsAreRejected() {
    assertThatThrownBy(() -> ClientConfig.custom("localhost:8001").build())
        .hasMessageContaining("must start with http:// or https://");
  }

  @Test
  void timeoutsMustBePositive() {
    assertThatThrownBy(() -> ClientConfig.custom("http://h:1").readTimeout(Duration.ZERO).build())
        .hasMessageContaining("readTimeout must be positive");
  }
}
