/**
 * Running one generation's topology as a Kafka Streams application: its configuration, the bounded
 * RocksDB memory shared by every store of the process, thread replacement that gives up on a
 * repeating failure, the topology's counts as Micrometer meters and the health indicator.
 */
package dev.ratings.stream.streams;
