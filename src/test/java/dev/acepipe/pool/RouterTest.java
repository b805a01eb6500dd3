package dev.acepipe.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RouterTest {
  private final MutableClock clock = new MutableClock();
  private final Failover failover = new Failover(FailoverConfig.DEFAULTS, clock);
  private static final RouterConfig TEN_SECONDS = new RouterConfig(10, 0.5, 2, 20);

  private static PoolServer server(String name) {
    return PoolServer.of(name, "http://" + name + ":8001", Secret.none());
  }

  private Router router(PoolServer... servers) {
    return new Router(List.of(servers), TEN_SECONDS, failover, clock);
  }

  private static PoolJob job(String id) {
    return PoolJob.generate(id, "acestep-v15-turbo", List.of(7L));
  }

  private static String assigned(Route r) {
    assertThat(r).isInstanceOf(Route.Assign.class);
    return ((Route.Assign) r).server().name();
  }

  @Test
  void spreadsReadyJobsOverIdleServersInDeclarationOrder() {
    Router router = router(server("a"), server("b"), server("c"));

    String first = assigned(router.route(job("j1")));
    router.dispatched(job("j1"), first);
    String second = assigned(router.route(job("j2")));
    router.dispatched(job("j2"), second);
    String third = assigned(router.route(job("j3")));

    assertThat(List.of(first, second, third)).containsExactly("a", "b", "c");
  }

  @Test
  void waitsForTheFastServerRatherThanQueueOnTheSlowOne() {
    Router router = router(server("fast"), server("slow"));
    router.observedStats("fast", 10);
    router.observedStats("slow", 30);
    router.dispatched(job("j1"), "fast");
    clock.advanceSeconds(5);

    // fast frees in 5 s and then runs j2 in 10: 15 s; slow needs 30 s. fast is full (1 slot).
    Route r = router.route(job("j2"));

    assertThat(r).isInstanceOf(Route.Wait.class);
    assertThat(((Route.Wait) r).reason()).contains("fast");
  }

  @Test
  void givesTheSlowServerWorkWhenItStillFinishesFirst() {
    Router router = router(server("fast").withMaxParallel(4), server("slow"));
    router.observedStats("fast", 10);
    router.observedStats("slow", 30);
    for (String id : List.of("j1", "j2", "j3")) {
      router.dispatched(job(id), "fast");
    }

    // fast: 3 queued × 10 + 10 = 40 s; slow: 30 s.
    Route r = router.route(job("j4"));

    assertThat(assigned(r)).isEqualTo("slow");
    assertThat(((Route.Assign) r).expectedFinishSeconds()).isEqualTo(30.0);
  }

  @Test
  void expectedFinishCountsWhatTheRunningJobHasDone() {
    Router router = router(server("a").withMaxParallel(2));
    router.dispatched(job("j1"), "a");
    clock.advanceSeconds(4);

    Route r = router.route(job("j2"));

    // 10 s average: j1 has 6 s left, then j2 takes 10.
    assertThat(((Route.Assign) r).expectedFinishSeconds()).isCloseTo(16.0, within(1e-9));
  }

  @Test
  void learnsEachServersAverageFromFinishedJobs() {
    Router router = router(server("a"), server("b"));
    router.dispatched(job("j1"), "a");
    clock.advanceSeconds(30);
    router.finished("j1");

    // rate 0.5: 0.5 × 30 + 0.5 × 10 = 20.
    assertThat(router.averageJobSeconds("a")).isCloseTo(20.0, within(1e-9));
    assertThat(router.averageJobSeconds("b")).isEqualTo(10.0);
    assertThat(router.inFlight("a")).isZero();
    assertThat(assigned(router.route(job("j2")))).isEqualTo("b");
  }

  @Test
  void oneStalledJobCountsForAtMostThreeAveragesSoTheServerStillGetsWork() {
    Router router = router(server("a"), server("b"));
    router.dispatched(job("j1"), "a");
    clock.advanceSeconds(1000);
    router.finished("j1");

    // rate 0.5: 0.5 × min(1000, 3 × 10) + 0.5 × 10 = 20, not 505.
    assertThat(router.averageJobSeconds("a")).isCloseTo(20.0, within(1e-9));
    router.dispatched(job("j2"), "b");
    assertThat(assigned(router.route(job("j3")))).isEqualTo("a");
  }

  @Test
  void aJobIsTimedFromWhenTheServerTookItToWhenItWasSeenDone() {
    Router router = router(server("a"));
    router.dispatched(job("j1"), "a");
    clock.advanceSeconds(4); // handing it over: learning the profile, an upload
    router.started("j1");
    clock.advanceSeconds(10);
    java.time.Instant done = java.time.Instant.ofEpochMilli(clock.millis());
    clock.advanceSeconds(6); // downloading its takes

    router.finished("j1", done);

    assertThat(router.averageJobSeconds("a")).isCloseTo(10.0, within(1e-9));
  }

  @Test
  void aJobQueuedBehindAnotherIsTimedFromTheEndOfThatOne() {
    Router router = router(server("a").withMaxParallel(2));
    router.dispatched(job("j1"), "a");
    router.dispatched(job("j2"), "a");
    clock.advanceSeconds(10);
    router.finished("j1");
    clock.advanceSeconds(10);
    router.finished("j2");

    // Both ran 10 s (j2 started when j1 ended), so the average stays 10.
    assertThat(router.averageJobSeconds("a")).isCloseTo(10.0, within(1e-9));
  }

  @Test
  void statsSeedTheAverageUntilARunMeasuredOne() {
    Router router = router(server("a"));

    router.observedStats("a", 0);
    assertThat(router.averageJobSeconds("a")).isEqualTo(10.0);
    router.observedStats("a", 42);
    assertThat(router.averageJobSeconds("a")).isEqualTo(42.0);
    router.dispatched(job("j1"), "a");
    clock.advanceSeconds(40);
    router.finished("j1");
    router.observedStats("a", 99);

    assertThat(router.averageJobSeconds("a")).isCloseTo(41.0, within(1e-9));
  }

  @Test
  void weightIsTheSpeedAssumedBeforeAnythingIsMeasured() {
    Router router = router(server("a"), server("big").withWeight(2).withMaxParallel(2));
    router.dispatched(job("j1"), "big");

    // big: 5 s per job, one queued: 10 s; a: 10 s. A tie goes to fewer jobs in flight.
    assertThat(router.averageJobSeconds("big")).isEqualTo(5.0);
    assertThat(assigned(router.route(job("j2")))).isEqualTo("a");
    router.dispatched(job("j2"), "a");
    assertThat(assigned(router.route(job("j3")))).isEqualTo("big");
  }

  @Test
  void onlyServersWithTheModelAndTaskTypeAreCandidates() {
    Router router =
        router(
            server("turbo").withModels(Set.of("acestep-v15-turbo")),
            server("base").withModels(Set.of("acestep-v15-base")).withTaskTypes(Set.of("lego")));
    PoolJob lego = new PoolJob("l", "acestep-v15-base", "lego", Set.of(), Source.none(), List.of());
    PoolJob cover =
        new PoolJob("c", "acestep-v15-base", "cover", Set.of(), Source.none(), List.of());

    assertThat(assigned(router.route(lego))).isEqualTo("base");
    Route none = router.route(cover);

    assertThat(none).isInstanceOf(Route.NoServer.class);
    assertThat(((Route.NoServer) none).reason())
        .isEqualTo(
            "no server left for c: turbo: no model acestep-v15-base; base: no task type cover");
  }

  @Test
  void prefersTheServerWithTheAdapterSetLoaded() {
    Router router = router(server("plain"), server("lora").withAdapters(Set.of("ghibli")));
    PoolJob styled =
        new PoolJob(
            "s", "acestep-v15-turbo", "text2music", Set.of("ghibli"), Source.none(), List.of());

    assertThat(assigned(router.route(styled))).isEqualTo("lora");
    // An adapter-free job prefers the plain server: lora would have to unload first.
    assertThat(assigned(router.route(job("p")))).isEqualTo("plain");
  }

  @Test
  void aServerKeepsTheAdaptersItLoadedForAJob() {
    Router router = router(server("a").withMaxParallel(3), server("b").withMaxParallel(3));
    PoolJob styled =
        new PoolJob("s1", "acestep-v15-turbo", "text2music", Set.of("x"), Source.none(), List.of());
    router.dispatched(styled, "b");

    PoolJob next =
        new PoolJob("s2", "acestep-v15-turbo", "text2music", Set.of("x"), Source.none(), List.of());

    // b: 10 queued + 10 = 20 s; a: 10 s + 20 s switch = 30 s.
    assertThat(assigned(router.route(next))).isEqualTo("b");
  }

  @Test
  void prefersTheServerHoldingTheSourceAndSkipsOnesThatCannotTakeIt() {
    Router router = router(server("up"), server("maker"), server("old").withAcceptsUploads(false));
    PoolJob repaint =
        new PoolJob(
            "r",
            "acestep-v15-turbo",
            "repaint",
            Set.of(),
            new Source.OnServer("maker"),
            List.of(3L));
    PoolJob fromImport =
        new PoolJob("i", "acestep-v15-turbo", "cover", Set.of(), new Source.Local(), List.of());

    assertThat(assigned(router.route(repaint))).isEqualTo("maker");
    router.dispatched(job("busy1"), "maker");
    // maker now has 10 s queued ahead: 20 s; up takes it by upload at 10 + 2 s; old cannot.
    Route moved = router.route(repaint);
    assertThat(assigned(moved)).isEqualTo("up");
    assertThat(((Route.Assign) moved).expectedFinishSeconds()).isEqualTo(12.0);
    router.dispatched(job("busy2"), "up");
    // A local-only source cannot go to old; maker and up are full, so it waits.
    assertThat(router.route(fromImport)).isInstanceOf(Route.Wait.class);
  }

  @Test
  void aPausedServerGetsNoNewWorkButIsWaitedFor() {
    Router router = router(server("a"));
    failover.breakerOpened("a");
    clock.advanceSeconds(10);

    Route r = router.route(job("j"));

    assertThat(r).isInstanceOf(Route.Wait.class);
    assertThat(((Route.Wait) r).reason()).contains("paused").contains("circuit open for 10 s");
    failover.breakerClosed("a");
    assertThat(assigned(router.route(job("j")))).isEqualTo("a");
  }

  @Test
  void aJobWhoseTaskAnEarlierRunLeftOnAServerGoesThereAndWaitsForItsSlot() {
    Router router = router(server("a"), server("b"));
    router.resumeOn("j", "b");
    router.dispatched(job("other"), "b");

    Route full = router.route(job("j"));

    assertThat(full).isInstanceOf(Route.Wait.class);
    assertThat(((Route.Wait) full).reason()).contains("b holds the task of j");
    router.finished("other");
    assertThat(assigned(router.route(job("j")))).isEqualTo("b");
    router.dispatched(job("j"), "b");
    router.finished("j");
    assertThat(assigned(router.route(job("j")))).as("forgotten once dispatched").isEqualTo("a");
  }

  @Test
  void aJobWhoseTaskIsOnAPausedOrUnfitServerIsRoutedAsUsual() {
    Router router = router(server("a"), server("b").withTaskTypes(Set.of("cover")));
    router.resumeOn("j", "b");
    assertThat(assigned(router.route(job("j")))).as("b cannot generate").isEqualTo("a");

    Router paused = router(server("a"), server("b"));
    paused.resumeOn("j", "b");
    failover.breakerOpened("b");
    assertThat(assigned(paused.route(job("j")))).isEqualTo("a");
    assertThatThrownBy(() -> paused.resumeOn("j", "c")).hasMessageContaining("no server named 'c'");
  }

  @Test
  void routesTheSameWayForTheSameEvents() {
    List<String> first = replay();
    List<String> second = replay();

    assertThat(first).isEqualTo(second).hasSize(12);
  }

  private List<String> replay() {
    MutableClock c = new MutableClock();
    Router router =
        new Router(
            List.of(server("a"), server("b").withWeight(1.5), server("c").withMaxParallel(2)),
            TEN_SECONDS,
            new Failover(FailoverConfig.DEFAULTS, c),
            c);
    List<String> where = new java.util.ArrayList<>();
    for (int i = 0; i < 12; i++) {
      Route r = router.route(job("j" + i));
      if (r instanceof Route.Assign a) {
        router.dispatched(job("j" + i), a.server().name());
        where.add(a.server().name());
      } else {
        c.advanceSeconds(7);
        String done = "j" + (i - 3);
        router.finished(done);
        where.add("wait");
      }
    }
    return where;
  }

  @Test
  void refusesDuplicateNamesAndUnknownServers() {
    assertThatThrownBy(() -> router(server("a"), server("a")))
        .hasMessageContaining("'a' is used twice");
    Router router = router(server("a"));
    assertThatThrownBy(() -> router.dispatched(job("x"), "zz"))
        .hasMessageContaining("no server named 'zz'");
    router.dispatched(job("x"), "a");
    assertThatThrownBy(() -> router.dispatched(job("x"), "a"))
        .hasMessageContaining("already in flight on a");
  }
}
