package dev.acepipe.adapters;

import static org.assertj.core.api.Assertions.assertThat;

import dev.acepipe.client.AceStepClient;
import dev.acepipe.client.ClientConfig;
import dev.acepipe.client.OkHttpAceStepClient;
import dev.acepipe.client.Submission;
import dev.acepipe.client.TaskRequest;
import dev.acepipe.client.TaskStatus;
import dev.acepipe.server.EmbeddedProfile;
import dev.acepipe.server.EmbeddedServer;
import dev.acepipe.server.EmbeddedServerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link AdapterGate} against the embedded server's LoRA routes, through the real client. */
class AdapterGateTest {
  @TempDir Path dir;
  private final List<AutoCloseable> open = new ArrayList<>();
  private EmbeddedServer server;

  @AfterEach
  void closeAll() throws Exception {
    for (int i = open.size() - 1; i >= 0; i--) {
      open.get(i).close();
    }
  }

  private AceStepClient start(EmbeddedProfile profile) throws Exception {
    server =
        EmbeddedServer.start(
            EmbeddedServerConfig.defaults(dir.resolve("out")).withProfile(profile));
    open.add(server);
    OkHttpAceStepClient c =
        new OkHttpAceStepClient(
            ClientConfig.custom(server.baseUrl())
                .readTimeout(Duration.ofSeconds(10))
                .callTimeout(Duration.ofSeconds(20))
                .build(),
            line -> {});
    open.add(c);
    return c;
  }

  /** A PEFT adapter directory, as the server checks it: a directory with adapter_config.json. */
  private Adapter peft(String name, double scale) throws Exception {
    Path d = Files.createDirectories(dir.resolve("loras").resolve(name));
    Files.writeString(d.resolve("adapter_config.json"), "{\"r\": 8}");
    return new Adapter(d.toString(), scale, name);
  }

  /** Asks until the job runs, running the switch when the gate hands it one. */
  private static Admission admit(AdapterGate gate, String job, AdapterSet set) {
    Admission a = gate.tryAcquire(job, set);
    return a instanceof Admission.Switch s ? gate.switchAdapters(s.plan()) : a;
  }

  private static String submit(AceStepClient client, int seed) {
    Submission s =
        client.submit(
            TaskRequest.builder()
                .prompt("drums, bass")
                .bpm(120)
                .audioDuration(2.0)
                .audioFormat("wav")
                .seed(seed)
                .build());
    return s.taskId();
  }

  private static void awaitDone(AceStepClient client, String taskId) throws InterruptedException {
    Instant deadline = Instant.now().plusSeconds(30);
    while (Instant.now().isBefore(deadline)) {
      TaskStatus s = client.query(List.of(taskId)).get(0);
      if (s instanceof TaskStatus.Succeeded) {
        return;
      }
      assertThat(s).as("task %s", taskId).isNotInstanceOf(TaskStatus.Failed.class);
      Thread.sleep(20);
    }
    throw new AssertionError("task " + taskId + " did not finish");
  }

  /** Between a switch's start and its end no job held the server, by the gate's own log. */
  private static void assertNoJobHeldTheServerDuringASwitch(List<GateEvent> log) {
    boolean inSwitch = false;
    for (GateEvent e : log) {
      switch (e.kind()) {
        case SWITCH_STARTED -> {
          assertThat(e.holders()).as("holders when %s", e).isZero();
          inSwitch = true;
        }
        case STATUS, UNLOADED, LOADED, SCALED, ENABLED, VERIFIED, FAILED -> {
          if (inSwitch) {
            assertThat(e.holders()).as("holders at %s", e).isZero();
          }
          if (e.kind() == GateEvent.Kind.FAILED) {
            inSwitch = false;
          }
        }
        case ADMITTED -> inSwitch = false;
        case RELEASED, DRAINED -> assertThat(inSwitch).as("%s during a switch", e).isFalse();
      }
    }
  }

  private static List<GateEvent.Kind> kinds(List<GateEvent> log) {
    return log.stream().map(GateEvent::kind).toList();
  }

  @Test
  void anotherAdapterSetWaitsUntilTheJobsOfTheLoadedSetDrainedThenRunsOnAVerifiedSwitch()
      throws Exception {
    AceStepClient client = start(EmbeddedProfile.NEWER);
    AdapterGate gate = AdapterGate.of(client);
    AdapterSet piano = AdapterSet.of(peft("piano", 0.8));
    AdapterSet voice = AdapterSet.of(peft("voice", 0.5), peft("choir", 1.0));

    assertThat(admit(gate, "a", piano)).isInstanceOf(Admission.Ready.class);
    String a = submit(client, 1);
    assertThat(gate.tryAcquire("b", piano)).isInstanceOf(Admission.Ready.class);
    String b = submit(client, 2);
    Admission c = gate.tryAcquire("c", voice);
    awaitDone(client, a);
    gate.release("a");
    Admission cAfterA = gate.tryAcquire("c", voice);
    awaitDone(client, b);
    gate.release("b");
    Admission cAfterB = gate.tryAcquire("c", voice);
    Admission cRuns = gate.switchAdapters(((Admission.Switch) cAfterB).plan());
    String cTask = submit(client, 3);
    awaitDone(client, cTask);
    gate.release("c");

    assertThat(c).isInstanceOf(Admission.Wait.class);
    assertThat(cAfterA).isInstanceOf(Admission.Wait.class);
    assertThat(cAfterB).isInstanceOf(Admission.Switch.class);
    assertThat(cRuns).isEqualTo(new Admission.Ready("c"));
    assertThat(gate.loaded()).contains(voice);
    assertThat(client.loraStatus().scales())
        .containsEntry("voice", 0.5)
        .containsEntry("choir", 1.0);
    assertThat(kinds(gate.log()))
        .containsSubsequence(
            GateEvent.Kind.RELEASED,
            GateEvent.Kind.DRAINED,
            GateEvent.Kind.SWITCH_STARTED,
            GateEvent.Kind.UNLOADED,
            GateEvent.Kind.LOADED,
            GateEvent.Kind.SCALED,
            GateEvent.Kind.LOADED,
            GateEvent.Kind.SCALED,
            GateEvent.Kind.VERIFIED,
            GateEvent.Kind.ADMITTED);
    assertNoJobHeldTheServerDuringASwitch(gate.log());
    assertThat(server.counters().adapterChangesWhileRunning()).isZero();
    assertThat(server.counters().jobsAcrossAdapterChange()).isZero();
    assertThat(server.counters().adapterChanges()).isGreaterThanOrEqualTo(5);
  }

  @Test
  void jobsWaitingForTheSameSetAreAdmittedTogetherAfterOneSwitch() throws Exception {
    AceStepClient client = start(EmbeddedProfile.NEWER);
    AdapterGate gate = AdapterGate.of(client);
    AdapterSet piano = AdapterSet.of(peft("piano", 1.0));
    AdapterSet voice = AdapterSet.of(peft("voice", 1.0));
    admit(gate, "a", piano);

    gate.tryAcquire("c1", voice);
    gate.tryAcquire("c2", voice);
    gate.release("a");
    Admission first = admit(gate, "c1", voice);
    Admission second = gate.tryAcquire("c2", voice);

    assertThat(first).isInstanceOf(Admission.Ready.class);
    assertThat(second).isInstanceOf(Admission.Ready.class);
    assertThat(gate.holders()).isEqualTo(2);
    assertThat(kinds(gate.log()).stream().filter(GateEvent.Kind.SWITCH_STARTED::equals))
        .as("one switch for piano, one for both voice jobs")
        .hasSize(2);
  }

  @Test
  void matchingJobsOvertakeAWaitingSetOnlyUpToThePatience() throws Exception {
    AceStepClient client = start(EmbeddedProfile.NEWER);
    AdapterGate gate = AdapterGate.of(client, 1);
    AdapterSet piano = AdapterSet.of(peft("piano", 1.0));
    AdapterSet voice = AdapterSet.of(peft("voice", 1.0));
    admit(gate, "a", piano);

    Admission c = gate.tryAcquire("c", voice);
    Admission b = gate.tryAcquire("b", piano);
    Admission d = gate.tryAcquire("d", piano);
    gate.release("a");
    gate.release("b");
    Admission cNext = gate.tryAcquire("c", voice);
    Admission dNext = gate.tryAcquire("d", piano);

    assertThat(c).isInstanceOf(Admission.Wait.class);
    assertThat(b).as("overtakes the waiting set once").isInstanceOf(Admission.Ready.class);
    assertThat(d).as("the patience is used up").isInstanceOf(Admission.Wait.class);
    assertThat(cNext).isInstanceOf(Admission.Switch.class);
    assertThat(dNext).as("everyone waits while adapters change").isInstanceOf(Admission.Wait.class);
  }

  @Test
  void aJobWithoutAdaptersRemovesWhatAnEarlierRunLeftLoaded() throws Exception {
    AceStepClient client = start(EmbeddedProfile.NEWER);
    Adapter leftover = peft("leftover", 1.0);
    client.loraLoad(leftover.path(), leftover.name());
    AdapterGate gate = AdapterGate.of(client);

    Admission a = admit(gate, "plain", AdapterSet.NONE);

    assertThat(a).isInstanceOf(Admission.Ready.class);
    assertThat(client.loraStatus().adapters()).isEmpty();
    assertThat(kinds(gate.log()))
        .containsSubsequence(
            GateEvent.Kind.SWITCH_STARTED,
            GateEvent.Kind.STATUS,
            GateEvent.Kind.UNLOADED,
            GateEvent.Kind.STATUS,
            GateEvent.Kind.VERIFIED);
  }

  @Test
  void aMissingPathFailsTheJobWithTheServersReasonAndLaterJobsWithoutAskingAgain()
      throws Exception {
    AceStepClient client = start(EmbeddedProfile.NEWER);
    AdapterGate gate = AdapterGate.of(client);
    AdapterSet missing = AdapterSet.of(Adapter.of(dir.resolve("nope").toString(), 1.0));

    Admission first = admit(gate, "a", missing);
    long loads = server.counters().requests("/v1/lora/load");
    Admission second = gate.tryAcquire("b", missing);
    Admission plain = admit(gate, "c", AdapterSet.NONE);

    assertThat(first).isInstanceOf(Admission.Fail.class);
    AdapterException e = ((Admission.Fail) first).reason();
    assertThat(e.reason()).isEqualTo(AdapterException.Reason.REFUSED);
    assertThat(e.serverReason()).contains("LoRA path not found");
    assertThat(e.getMessage()).contains(server.baseUrl()).contains("nope");
    assertThat(second).isEqualTo(new Admission.Fail("b", e));
    assertThat(server.counters().requests("/v1/lora/load")).isEqualTo(loads);
    assertThat(plain)
        .as("the server was left without adapters")
        .isInstanceOf(Admission.Ready.class);
    assertThat(server.counters().acceptedTasks()).isZero();
  }

  @Test
  void aSnapshotServerRunsPlainJobsAndFailsAdapterJobsForItsMissingLoraApi() throws Exception {
    AceStepClient client = start(EmbeddedProfile.SNAPSHOT);
    AdapterGate gate = AdapterGate.of(client);

    Admission plain = admit(gate, "plain", AdapterSet.NONE);
    Admission withLora = admit(gate, "lora", AdapterSet.of(peft("piano", 1.0)));

    assertThat(plain).isInstanceOf(Admission.Ready.class);
    assertThat(withLora).isInstanceOf(Admission.Fail.class);
    assertThat(((Admission.Fail) withLora).reason().reason())
        .isEqualTo(AdapterException.Reason.NO_LORA_API);
    assertThat(((Admission.Fail) withLora).reason().getMessage()).contains("has no LoRA API");
  }

  @Test
  void aGateBuiltFromAProfileWithoutLoraNeverCallsTheLoraRoutes() throws Exception {
    AceStepClient client = start(EmbeddedProfile.SNAPSHOT);
    AdapterGate gate = AdapterGate.of(client, client.profile());

    Admission plain = gate.tryAcquire("plain", AdapterSet.NONE);
    Admission withLora = gate.tryAcquire("lora", AdapterSet.of(peft("piano", 1.0)));

    assertThat(plain).isInstanceOf(Admission.Ready.class);
    assertThat(withLora).isInstanceOf(Admission.Fail.class);
    assertThat(server.counters().requests("/v1/lora/status")).isZero();
  }

  @Test
  void releasingAJobThatWasHandedASwitchLetsTheNextJobStartOne() throws Exception {
    AceStepClient client = start(EmbeddedProfile.NEWER);
    AdapterGate gate = AdapterGate.of(client);
    AdapterSet piano = AdapterSet.of(peft("piano", 1.0));

    Admission a = gate.tryAcquire("a", piano);
    Admission bWhileASwitches = gate.tryAcquire("b", piano);
    gate.release("a");
    Admission b = gate.tryAcquire("b", piano);

    assertThat(a).isInstanceOf(Admission.Switch.class);
    assertThat(bWhileASwitches).isInstanceOf(Admission.Wait.class);
    assertThat(b).isInstanceOf(Admission.Switch.class);
    assertThat(gate.switchAdapters(((Admission.Switch) b).plan()))
        .isEqualTo(new Admission.Ready("b"));
  }

  @Test
  void adapterSetsNamingTheSameAdaptersInAnotherOrderAreEqual() {
    Adapter x = new Adapter("/loras/x", 0.5, "x");
    Adapter y = Adapter.of("/loras/y.safetensors", 1.0);

    assertThat(AdapterSet.of(x, y)).isEqualTo(AdapterSet.of(y, x));
    assertThat(y.name()).isEqualTo("y");
    assertThat(AdapterSet.of(x, y)).hasToString("x@0.5 (/loras/x), y@1.0 (/loras/y.safetensors)");
  }

  @Test
  void aJobOfAnotherModelWaitsForTheLoadedModelsJobsThenHasItLoadedOnceAndVerified()
      throws Exception {
    AceStepClient client = start(EmbeddedProfile.NEWER);
    AdapterGate gate = AdapterGate.of(client);
    Setup turbo = Setup.of("acestep-v15-turbo", AdapterSet.NONE);
    Setup base = Setup.of("acestep-v15-base", AdapterSet.NONE);

    Admission first = gate.tryAcquire("t1", turbo, List.of());
    assertThat(first).isInstanceOf(Admission.Switch.class);
    assertThat(gate.switchAdapters(((Admission.Switch) first).plan()))
        .isInstanceOf(Admission.Ready.class);
    String t1 = submit(client, 1);
    Admission waiting = gate.tryAcquire("b1", base, List.of());
    Admission sameModel = gate.tryAcquire("t2", turbo, List.of());
    awaitDone(client, t1);
    gate.release("t1");
    gate.release("t2");
    Admission next = gate.tryAcquire("b1", base, List.of());
    Admission after = gate.switchAdapters(((Admission.Switch) next).plan());

    assertThat(waiting).isInstanceOf(Admission.Wait.class);
    assertThat(sameModel).isInstanceOf(Admission.Ready.class);
    assertThat(after).isInstanceOf(Admission.Ready.class);
    assertThat(server.loadedModel()).isEqualTo("acestep-v15-base");
    assertThat(gate.loadedModel()).contains("acestep-v15-base");
    assertThat(server.counters().requests("/v1/init")).as("turbo was loaded already").isEqualTo(1);
    assertThat(kinds(gate.log()))
        .containsSubsequence(
            GateEvent.Kind.RELEASED,
            GateEvent.Kind.SWITCH_STARTED,
            GateEvent.Kind.MODELS,
            GateEvent.Kind.MODEL_LOADED,
            GateEvent.Kind.MODELS,
            GateEvent.Kind.VERIFIED,
            GateEvent.Kind.ADMITTED);
    assertNoJobHeldTheServerDuringASwitch(gate.log());
  }

  @Test
  void aJobReadyBehindASlotKeepsTheServerOnItsSetupUntilItRan() throws Exception {
    AceStepClient client = start(EmbeddedProfile.NEWER);
    AdapterGate gate = AdapterGate.of(client);
    AdapterSet x = AdapterSet.of(peft("x", 0.5));
    admit(gate, "x1", x);
    gate.release("x1");

    Admission other = gate.tryAcquire("n1", Setup.of(AdapterSet.NONE), List.of(Setup.of(x)));
    Admission queued = gate.tryAcquire("x2", Setup.of(x), List.of());

    assertThat(other).isInstanceOf(Admission.Wait.class);
    assertThat(((Admission.Wait) other).why()).contains("waiting for a slot");
    assertThat(queued).isInstanceOf(Admission.Ready.class);
    assertThat(server.counters().requests("/v1/lora/unload")).isZero();
  }

  @Test
  void aModelTheServerRefusesFailsLaterJobsNamingItWithoutAskingAgain() throws Exception {
    AceStepClient client = start(EmbeddedProfile.NEWER);
    AdapterGate gate = AdapterGate.of(client);
    Setup missing = Setup.of("acestep-v15-nope", AdapterSet.NONE);

    Admission first = gate.tryAcquire("a", missing, List.of());
    Admission failed = gate.switchAdapters(((Admission.Switch) first).plan());
    Admission again = gate.tryAcquire("b", missing, List.of());

    assertThat(failed).isInstanceOf(Admission.Fail.class);
    AdapterException reason = ((Admission.Fail) failed).reason();
    assertThat(reason.reason()).isEqualTo(AdapterException.Reason.MODEL_REFUSED);
    assertThat(reason.model()).contains("acestep-v15-nope");
    assertThat(reason.getMessage())
        .contains("refused to load model 'acestep-v15-nope'")
        .contains("not found");
    assertThat(again).isInstanceOf(Admission.Fail.class);
    assertThat(server.counters().requests("/v1/init")).isEqualTo(1);
  }
}
