package dev.ratings.ingest.posts;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Which posts exist, without a database round trip per rating: posts are never deleted, so once
 * seen an id is remembered for good. An unknown id is looked up every time (another instance may
 * have just created it).
 */
@Component
public class KnownPosts {

    private final PostRepository posts;
    private final Set<Long> known = ConcurrentHashMap.newKeySet();

    KnownPosts(PostRepository posts) {
        this.posts = posts;
    }

    public boolean exists(long postId) {
        if (known.contains(postId)) {
            return true;
        }
        boolean exists = posts.exists(postId);
        if (exists) {
            known.add(postId);
        }
        return exists;
    }

    void add(long postId) {
        known.add(postId);
    }
}
