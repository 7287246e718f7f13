package dev.ratings.ingest.posts;

import dev.ratings.ingest.scores.ShownScore;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** Turns posts into what the API shows: scores as of now, plus the caller's own ratings. */
@Component
class PostViews {

    private final Clock clock;
    private final OwnRatings ratings;

    PostViews(Clock clock, OwnRatings ratings) {
        this.clock = clock;
        this.ratings = ratings;
    }

    PostView one(Post post, Optional<String> userId) {
        Integer myRating = userId.flatMap(user -> {
                    var rating = ratings.ratingOf(user, post.id());
                    return rating.isPresent() ? Optional.of(rating.getAsInt()) : Optional.<Integer>empty();
                })
                .orElse(null);
        return PostView.of(post, ShownScore.of(post.latestWindow(), clock.millis()), myRating);
    }

    List<PostView> all(List<Post> posts, Optional<String> userId) {
        long now = clock.millis();
        Map<Long, Integer> mine = userId.map(user ->
                        ratings.ratingsOf(user, posts.stream().map(Post::id).toList()))
                .orElse(Map.of());
        return posts.stream()
                .map(post -> PostView.of(post, ShownScore.of(post.latestWindow(), now), mine.get(post.id())))
                .toList();
    }
}
