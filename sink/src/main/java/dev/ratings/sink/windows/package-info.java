/**
 * The sink's write path, a straight line: {@link dev.ratings.sink.windows.WindowResultListener}
 * consumes {@code post-rating-windows} in batches (unreadable records to the dead-letter topic, by
 * index), {@link dev.ratings.sink.windows.WindowBatch} de-duplicates a batch into window rows and
 * score rows, and {@link dev.ratings.sink.windows.WindowResultWriter} writes each table with one
 * statement derived from the contract's flat fields, in one transaction, before the offsets are
 * committed.
 */
package dev.ratings.sink.windows;
