/**
 * The command-line tools of {@code ./ratings} in one runnable jar ({@code java -jar tools.jar
 * <command>}): the script starts and stops processes, everything that mints, sends, parses JSON,
 * waits on a condition or prints a report is here. {@link dev.ratings.tools.Tools} dispatches to one
 * package per command; {@link dev.ratings.tools.Args}, {@link dev.ratings.tools.Http} and {@link
 * dev.ratings.tools.Services} are what they share.
 */
package dev.ratings.tools;
