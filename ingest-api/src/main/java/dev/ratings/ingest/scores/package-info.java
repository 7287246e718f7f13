/**
 * The score fields a post shows at a moment, from its latest closed window: the count and plain
 * average as they were, the fair score decayed to now with the contract's carry-over ({@link
 * dev.ratings.contract.WindowResult#scoreAt}).
 */
package dev.ratings.ingest.scores;
