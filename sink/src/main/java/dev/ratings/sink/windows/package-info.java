/**
 * The sink's write path: {@link dev.ratings.sink.windows.WindowResultListener} consumes {@code
 * post-rating-windows} in batches and reads the values itself a chunk at a time (unreadable records to
 * the dead-letter topic, by index), {@link dev.ratings.sink.windows.WindowBatch} de-duplicates a chunk
 * into window rows and score rows, and {@link dev.ratings.sink.windows.WindowResultWriter} writes each
 * table with one statement per chunk derived from the contract's flat fields, all chunks of a batch in
 * one transaction on its {@link dev.ratings.sink.windows.WriterThread} while the next chunk is read,
 * before the offsets are committed.
 */
package dev.ratings.sink.windows;
