/**
 * {@code tools.jar replay}: starts a replay on the stream processor's admin API and follows it until
 * the sink has promoted the new generation, printing each phase and the progress of the catch-up.
 */
package dev.ratings.tools.replay;
