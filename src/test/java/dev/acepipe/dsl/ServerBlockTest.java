package dev.acepipe.dsl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.acepipe.diagnostic.Codes;
import dev.acepipe.diagnostic.Diagnostic;
import dev.acepipe.dsl.model.ServerSpec;
import dev.acepipe.plan.PlanInputs;
import dev.acepipe.plan.PlanRenderer;
import dev.acepipe.plan.PlannedServer;
import dev.acepipe.plan.Planner;
import dev.acepipe.validate.CheckResult;
import dev.acepipe.validate.PipelineChecker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code server:} as a map (one server) and as a list (a pool), with located diagnostics. */
class ServerBlockTest {
  @TempDir Path dir;

  private CheckResult check(String server) throws IOException {
    Path f = dir.resolve("p.yaml");
    Files.writeString(
        f, "version: 1\n" + server + "steps:\n  a:\n    type: generate\n    prompt: x\n");
    return new PipelineChecker().check(f, "p.yaml");
  }

  @Test
  void aMapIsOneServerWithTheDefaultTraits() throws IOException {
    CheckResult r = check("server:\n  url: http://gpu:8001\n  api_key: ${env.K}\n");

    assertThat(r.diagnostics()).isEmpty();
    ServerSpec s = r.pipeline().server().orElseThrow();
    assertThat(s.entries()).hasSize(1);
    assertThat(s.entries().get(0).url().text()).isEqualTo("http://gpu:8001");
    assertThat(s.entries().get(0).traits()).isEqualTo(ServerSpec.Traits.DEFAULT);
  }

  @Test
  void aListDecodesEveryEntryNamingTheUnnamedByPosition() throws IOException {
    CheckResult r =
        check(
            "server:\n  - name: big\n    url: http://gpu-a:8001\n    max_parallel: 2\n"
                + "    weight: 2.5\n    models: [acestep-v15-base]\n    adapters: [ghibli]\n"
                + "  - url: http://gpu-b:8001\n    task_types: [text2music, cover]\n");

    assertThat(r.diagnostics()).isEmpty();
    List<ServerSpec.Entry> entries = r.pipeline().server().orElseThrow().entries();
    assertThat(entries).extracting(e -> e.traits().name()).containsExactly("big", "gpu-2");
    assertThat(entries.get(0).traits())
        .isEqualTo(
            new ServerSpec.Traits(
                "big", 2, 2.5, List.of("acestep-v15-base"), List.of(), List.of("ghibli")));
    assertThat(entries.get(1).traits().taskTypes()).containsExactly("text2music", "cover");
  }

  @Test
  void anUnknownKeyInAnEntryIsLocatedWithADidYouMean() throws IOException {
    CheckResult r = check("server:\n  - url: http://gpu:8001\n    max_paralel: 2\n");

    Diagnostic d = r.diagnostics().get(0);
    assertThat(d.code()).isEqualTo(Codes.UNKNOWN_KEY);
    assertThat(d.location().line()).isEqualTo(4);
    assertThat(d.location().column()).isEqualTo(5);
    assertThat(d.message()).contains("server entry 1");
    assertThat(d.hint()).contains("max_parallel");
  }

  @Test
  void aNameOrUrlGivenTwiceIsRefusedAtTheSecondEntry() throws IOException {
    CheckResult names =
        check(
            "server:\n  - {name: a, url: 'http://gpu-1:8001'}\n"
                + "  - {name: a, url: 'http://gpu-2:8001'}\n");
    CheckResult urls = check("server:\n  - url: http://gpu-1:8001\n  - url: http://gpu-1:8001/\n");
    CheckResult implicit =
        check("server:\n  - {name: gpu-2, url: 'http://a:1'}\n  - url: http://b:1\n");

    assertThat(names.diagnostics())
        .extracting(Diagnostic::code, d -> d.location().line())
        .containsExactly(org.assertj.core.groups.Tuple.tuple(Codes.DUPLICATE_KEY, 4));
    assertThat(names.diagnostics().get(0).message()).contains("name 'a' of server entry 1");
    assertThat(urls.diagnostics())
        .extracting(Diagnostic::code, d -> d.location().line())
        .containsExactly(org.assertj.core.groups.Tuple.tuple(Codes.DUPLICATE_KEY, 4));
    assertThat(implicit.diagnostics())
        .extracting(Diagnostic::code)
        .containsExactly(Codes.DUPLICATE_KEY);
  }

  @Test
  void whatFeedsTheKeyOfAnyEntryMayNotBeReadByAStep() throws IOException {
    CheckResult leak =
        check(
            "server:\n  - url: http://gpu-1:8001\n  - url: http://gpu-2:8001\n"
                + "    api_key: ${env.K2}\n"
                + "vars:\n  echo: ${env.K2}\n");

    assertThat(leak.diagnostics()).extracting(Diagnostic::code).containsExactly(Codes.CREDENTIAL);
    assertThat(leak.diagnostics().get(0).location().line()).isEqualTo(7);
  }

  @Test
  void thePlanResolvesEveryEntryAndNeverShowsAKey() throws IOException {
    CheckResult r =
        check(
            "server:\n  - {name: a, url: '${env.U1}', api_key: '${env.K1}'}\n"
                + "  - {name: b, url: '${env.U2}', api_key: '${env.K2}'}\n");

    var plan =
        new Planner()
            .plan(
                r.valid().orElseThrow(),
                new PlanInputs(
                    Map.of(),
                    Map.of(
                        "U1",
                        "http://a:1",
                        "K1",
                        "key-one-5f",
                        "U2",
                        "http://b:2",
                        "K2",
                        "key-two-9c")))
            .plan();

    PlannedServer s = plan.server().orElseThrow();
    assertThat(s.entries())
        .extracting(PlannedServer.Entry::url)
        .containsExactly("http://a:1", "http://b:2");
    assertThat(s.keys()).containsExactly("key-one-5f", "key-two-9c");
    String shown = s + plan.toString() + PlanRenderer.text(plan) + PlanRenderer.json(plan);
    assertThat(shown)
        .contains("http://b:2")
        .doesNotContain("key-one-5f")
        .doesNotContain("key-two-9c");
  }
}
