/**
 * The web page at {@code /}: static HTML, CSS and JavaScript from {@code classpath:/static/}
 * (served under {@code /ui/}), with no build step and nothing fetched from another origin. It is a
 * client of the same HTTP API as any other and polls it; a Content-Security-Policy that allows only
 * this origin keeps it that way.
 */
package dev.ratings.ingest.page;
