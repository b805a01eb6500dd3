package dev.acepipe.exec;

import java.io.IOException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The one lock of a run on a pool: the {@link RunState}, its {@link RunningStep}s, the lanes'
 * learned state and the router are touched only by a thread that holds it, so the run's state
 * changes one thread at a time, in an order the lock makes visible to every thread. A thread gives
 * it up while it waits for a server or reads a file ({@link #outside}), which is what lets every
 * server's driver work at once: one server's slow answer or download never holds up the others.
 *
 * <p>Code that holds the lock must therefore not assume the run unchanged across a server call;
 * what a lane's driver relies on across one (its own steps) no other thread changes, because a step
 * belongs to one lane's driver from dispatch until it ends ({@link PoolRun}).
 *
 * <p>A run on one server never takes the lock: {@link #outside} then just calls.
 */
final class RunLock {
  private final ReentrantLock lock = new ReentrantLock();

  /** Reads a file or measures audio; throws what the reading throws. */
  @FunctionalInterface
  interface Reading<T> {
    T read() throws IOException;
  }

  void lock() {
    lock.lock();
  }

  void unlock() {
    lock.unlock();
  }

  Condition newCondition() {
    return lock.newCondition();
  }

  /** Whether the calling thread holds the lock. */
  boolean held() {
    return lock.isHeldByCurrentThread();
  }

  /** Runs {@code call} without the lock (all of this thread's holds), taking it back afterwards. */
  <T> T outside(Supplier<T> call) {
    int holds = release();
    try {
      return call.get();
    } finally {
      retake(holds);
    }
  }

  /** As {@link #outside(Supplier)}, for local reading that may throw {@link IOException}. */
  <T> T reading(Reading<T> read) throws IOException {
    int holds = release();
    try {
      return read.read();
    } finally {
      retake(holds);
    }
  }

  private int release() {
    int holds = lock.getHoldCount(); // 0 on a thread that does not hold it
    for (int i = 0; i < holds; i++) {
      lock.unlock();
    }
    return holds;
  }

  private void retake(int holds) {
    for (int i = 0; i < holds; i++) {
      lock.lock();
    }
  }
}
