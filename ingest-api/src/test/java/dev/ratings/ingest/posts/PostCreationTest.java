package dev.ratings.ingest.posts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.ratings.contract.PostEvent;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;

/** A post exists once Kafka has it: the row follows, and without the acknowledgement nothing does. */
class PostCreationTest {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00.123Z");

    private final PostIds ids = mock(PostIds.class);
    private final PostRepository posts = mock(PostRepository.class);
    private final KnownPosts known = mock(KnownPosts.class);
    private final List<PostEvent> published = new ArrayList<>();

    private PostCreation creation(PostCreation.Publisher publisher) {
        return new PostCreation(ids, publisher, posts, known, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void thePublishedPostIsWrittenAndReturnedWithItsId() throws Exception {
        when(ids.next()).thenReturn(42L);

        Post post = creation(published::add).create("t", "b", "alice");

        assertThat(published).containsExactly(new PostEvent(42, "t", "b", "alice", NOW.toEpochMilli()));
        verify(posts).insert(published.get(0));
        verify(known).add(42);
        assertThat(post.id()).isEqualTo(42);
        assertThat(post.createdAt()).isEqualTo(NOW);
    }

    @Test
    void aPostKafkaDidNotAcknowledgeIsNotWritten() {
        when(ids.next()).thenReturn(43L);
        PostCreation.Publisher refusing = post -> {
            throw new PostCreation.NotPublished(new TimeoutException("no ack"));
        };

        assertThatThrownBy(() -> creation(refusing).create("t", "b", "alice"))
                .isInstanceOf(PostCreation.NotPublished.class);
        verify(posts, never()).insert(any());
    }

    @Test
    void withoutTheLogsHighestIdNothingIsPublished() {
        when(ids.next()).thenThrow(new TimeoutException("posts unreadable"));

        assertThatThrownBy(() -> creation(published::add).create("t", "b", "alice"))
                .isInstanceOf(PostCreation.NotPublished.class);
        assertThat(published).isEmpty();
    }

    @Test
    void aRowThatCannotBeWrittenYetStillLeavesACreatedPost() throws Exception {
        when(ids.next()).thenReturn(44L);
        doThrow(new DataAccessResourceFailureException("down")).when(posts).insert(any());

        Post post = creation(published::add).create("t", "b", "alice");

        assertThat(post.id()).isEqualTo(44);
        assertThat(published).hasSize(1);
    }
}
