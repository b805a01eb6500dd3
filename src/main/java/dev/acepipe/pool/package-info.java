/**
 * A pool of ACE-Step servers driven as one: the servers as values ({@link PoolServer}), which
 * server a ready job goes to ({@link Router}), when a server is taken out of the pool and what
 * happens to its jobs ({@link Failover}), and the yardstick a schedule is measured against ({@link
 * ListSchedule}). Everything here is pure bookkeeping over an injected {@link java.time.Clock}: no
 * threads, no I/O, no HTTP. The executor tells the router what it submitted and what finished; the
 * router answers where the next job goes.
 */
package dev.acepipe.pool;
