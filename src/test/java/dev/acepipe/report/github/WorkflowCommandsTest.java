package dev.acepipe.report.github;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WorkflowCommandsTest {
  @Test
  void escapesPercentAndLineBreaksInTheMessage() {
    assertThat(WorkflowCommands.escapeData("100% done\r\nnext: a,b"))
        .isEqualTo("100%25 done%0D%0Anext: a,b");
  }

  @Test
  void escapesColonAndCommaInPropertiesToo() {
    assertThat(WorkflowCommands.escapeProperty("C:\\dir\\a,b%.yaml\n"))
        .isEqualTo("C%3A\\dir\\a%2Cb%25.yaml%0A");
  }

  @Test
  void leavesOutEmptyPropertiesAndKeepsOrder() {
    Map<String, String> props = new LinkedHashMap<>();
    props.put("file", "a.yaml");
    props.put("line", "");
    props.put("title", "step x: failed");

    String cmd = WorkflowCommands.command("error", props, "boom");

    assertThat(cmd).isEqualTo("::error file=a.yaml,title=step x%3A failed::boom");
  }

  @Test
  void writesACommandWithoutProperties() {
    assertThat(WorkflowCommands.command("notice", Map.of(), "hi")).isEqualTo("::notice::hi");
  }
}
