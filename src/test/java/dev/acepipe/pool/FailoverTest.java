package dev.acepipe.pool;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class FailoverTest {
  private final MutableClock clock = new MutableClock();
  private final Failover failover =
      new Failover(new FailoverConfig(Duration.ofSeconds(60), 1), clock);
  private final Router router =
      new Router(
          List.of(server("a"), server("b"), server("c")),
          new RouterConfig(10, 0.3, 2, 20),
          failover,
          clock);

  private static PoolServer server(String name) {
    return PoolServer.of(name, "http://" + name, Secret.none()).withMaxParallel(4);
  }

  private static PoolJob job(String id, long seed) {
    return PoolJob.generate(id, "acestep-v15-turbo", List.of(seed, seed + 1));
  }

  @Test
  void aBreakerOpenWithinTheBoundOnlyPausesTheServer() {
    failover.breakerOpened("a");
    clock.advanceSeconds(60);

    assertThat(failover.availability("a").state()).isEqualTo(Availability.State.PAUSED);
    failover.breakerClosed("a");
    assertThat(failover.availability("a").state()).isEqualTo(Availability.State.UP);
  }

  @Test
  void aBreakerOpenPastTheBoundTakesTheServerDownForGood() {
    failover.breakerOpened("a");
    clock.advanceSeconds(61);

    Availability a = failover.availability("a");
    failover.breakerClosed("a");

    assertThat(a.state()).isEqualTo(Availability.State.DOWN);
    assertThat(a.reason()).isEqualTo("circuit open for 61 s");
    assertThat(failover.availability("a").state()).isEqualTo(Availability.State.DOWN);
  }

  @Test
  void aLostJobTakesTheServerDown() {
    failover.jobLost("b");

    assertThat(failover.availability("b"))
        .isEqualTo(new Availability(Availability.State.DOWN, "lost 1 job"));
  }

  @Test
  void jobsOfADownServerMoveElsewhereOnceWithTheirSeeds() {
    router.dispatched(job("j1", 10), "a");
    router.dispatched(job("j2", 20), "a");
    router.dispatched(job("j3", 30), "b");

    failover.jobLost("a");
    List<Move> moves = router.evacuate();

    assertThat(moves)
        .containsExactly(
            new Move.Rerouted(job("j1", 10), "a", "a is down (lost 1 job)"),
            new Move.Rerouted(job("j2", 20), "a", "a is down (lost 1 job)"));
    assertThat(router.inFlight("a")).isZero();
    assertThat(router.inFlight("b")).isEqualTo(1);
    assertThat(router.evacuate()).isEmpty();
    Route again = router.route(moves.get(0).job());
    assertThat(((Route.Assign) again).server().name()).isEqualTo("c");
  }

  @Test
  void aJobThatMovedOnceIsStrandedWhenItsSecondServerFails() {
    router.dispatched(job("j1", 10), "a");
    failover.jobLost("a");
    Move first = router.evacuate().get(0);
    router.dispatched(first.job(), "b");

    failover.jobLost("b");
    List<Move> second = router.evacuate();

    assertThat(first).isInstanceOf(Move.Rerouted.class);
    assertThat(second).hasSize(1);
    assertThat(second.get(0)).isInstanceOf(Move.Stranded.class);
    assertThat(((Move.Stranded) second.get(0)).reason())
        .isEqualTo("b is down (lost 1 job) and the job already moved once");
    assertThat(failover.hasMoved("j1")).isTrue();
  }

  @Test
  void noServerLeftIsADistinctAnswer() {
    for (String s : List.of("a", "b", "c")) {
      failover.jobLost(s);
    }

    Route r = router.route(job("j9", 1));

    assertThat(r).isInstanceOf(Route.NoServer.class);
    assertThat(((Route.NoServer) r).reason())
        .isEqualTo(
            "no server left for j9: a: down (lost 1 job); b: down (lost 1 job); c: down (lost 1"
                + " job)");
  }

  @Test
  void aDownServerNeverGetsAMovedJobBack() {
    router.dispatched(job("j1", 10), "a");
    failover.breakerOpened("a");
    clock.advanceSeconds(120);
    List<Move> moves = router.evacuate();
    failover.breakerClosed("a");

    for (int i = 0; i < 5; i++) {
      Route r = router.route(moves.get(0).job());
      assertThat(((Route.Assign) r).server().name()).isNotEqualTo("a");
    }
  }
}
