/**
 * {@code ./ratings fairness}: attack scenarios and a genuine change of opinion on one post, window by
 * window through the real decay-v1 and decay-v2 classes (and rater histories as the user stage keeps
 * them), printed as the markdown table of BENCHMARKS.md. {@link dev.ratings.bench.fairness.World}
 * states who rates the post; no Kafka, no timing: the numbers are the formulas'.
 */
package dev.ratings.bench.fairness;
