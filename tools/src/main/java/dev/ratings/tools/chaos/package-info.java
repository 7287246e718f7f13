/**
 * {@code tools.jar chaos}: steady ratings through the front door while one fault after another hits
 * the running system (kill -9 of each kind of service, a broker, PostgreSQL and Redis restarts, a
 * replay), then the proof from the client's tally, the {@code ratings} log, the
 * {@code post-rating-windows} topic and PostgreSQL that every 202 was counted once and no window
 * twice, with the table of RELIABILITY.md. {@link dev.ratings.tools.chaos.ChaosRun} is the run
 * itself, also driven by the end-to-end test against its own processes.
 */
package dev.ratings.tools.chaos;
