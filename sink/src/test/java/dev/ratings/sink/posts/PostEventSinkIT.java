package dev.ratings.sink.posts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ratings.contract.JsonSerde;
import dev.ratings.contract.PostEvent;
import dev.ratings.contract.Topics;
import dev.ratings.sink.RunningSink;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * The whole sink: posts produced to {@code posts} end up in the {@code posts} table with the ids
 * they carry, a record that is not a post goes alone to {@code posts.DLT}, and the ones after it
 * are still written.
 */
@TestPropertySource(properties = "ratings.kafka.partitions=2")
class PostEventSinkIT extends RunningSink {

    private static final JsonSerde<PostEvent> POSTS = JsonSerde.of(PostEvent.class);

    @Test
    void postsAreWrittenAndAnUnreadableOneGoesToTheDeadLetterTopic() throws Exception {
        List<Long> ids = newPostIds(3);
        byte[] first = POSTS.serialize(null, new PostEvent(ids.get(0), "first", "", "alice", 1_000));
        byte[] notAPost = "{\"id\": 0}".getBytes(StandardCharsets.UTF_8);
        byte[] third = POSTS.serialize(null, new PostEvent(ids.get(2), "third", "body", "bob", 3_000));

        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString()),
                new StringSerializer(),
                new ByteArraySerializer())) {
            for (var post : List.of(
                    Map.entry(ids.get(0), first), Map.entry(ids.get(1), notAPost), Map.entry(ids.get(2), third))) {
                producer.send(new ProducerRecord<>(
                                Topics.POSTS, 0, post.getKey().toString(), post.getValue()))
                        .get(30, TimeUnit.SECONDS);
            }
        }

        Map<String, ConsumerRecord<String, byte[]>> deadLetters = awaitDeadLetters(
                Topics.deadLetter(Topics.POSTS), List.of(ids.get(1).toString()));
        await().atMost(PATIENCE).until(() -> titles(ids).size() == 2);
        assertThat(titles(ids)).containsExactly("first", "third");
        assertThat(deadLetters.get(ids.get(1).toString()).value()).isEqualTo(notAPost);
    }

    private List<String> titles(List<Long> ids) {
        return jdbc.sql("SELECT title FROM posts WHERE id IN (:ids) ORDER BY id")
                .param("ids", ids)
                .query(String.class)
                .list();
    }
}
