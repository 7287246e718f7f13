package dev.ratings.sink.generations;

/** Why a {@code score-generations} record went to the dead-letter topic: it is unreadable or does not follow. */
final class GenerationRefusedException extends RuntimeException {

    GenerationRefusedException(String reason) {
        super(reason);
    }
}
