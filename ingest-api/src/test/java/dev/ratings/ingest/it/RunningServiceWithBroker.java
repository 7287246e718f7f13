package dev.ratings.ingest.it;

import org.junit.jupiter.api.AfterEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;

/** {@link RunningService} with an embedded KRaft broker. */
@EmbeddedKafka(bootstrapServersProperty = "spring.kafka.bootstrap-servers")
abstract class RunningServiceWithBroker extends RunningService {

    @Autowired
    EmbeddedKafkaBroker broker;

    private RatingsTopic ratings;

    /** A reader of the {@code ratings} topic for this test, opened on first use. */
    RatingsTopic ratings() {
        if (ratings == null) {
            ratings = new RatingsTopic(broker.getBrokersAsString());
        }
        return ratings;
    }

    @AfterEach
    void closeRatings() {
        if (ratings != null) {
            ratings.close();
            ratings = null;
        }
    }
}
