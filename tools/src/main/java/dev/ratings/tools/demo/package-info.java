/**
 * {@code tools.jar demo}: organic traffic from a few users to a few posts over HTTP and, on request,
 * an attack of zeros from fresh accounts, to watch the decay score absorb it. Loopback only.
 */
package dev.ratings.tools.demo;
