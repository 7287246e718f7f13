/**
 * What every endpoint shares at the HTTP edge: problem details (RFC 9457) for every error, strict
 * JSON bodies, path and query values, instants as ISO strings, the trailing-slash filter, the
 * OpenAPI description, and answers written from a callback on the servlet async context.
 */
package dev.ratings.ingest.web;
