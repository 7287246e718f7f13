package dev.ratings.ingest.windows;

import dev.ratings.ingest.posts.KnownPosts;
import dev.ratings.ingest.web.NotFoundException;
import dev.ratings.ingest.web.RequestValues;
import io.swagger.v3.oas.annotations.Operation;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
class WindowController {

    static final int MAX_LIMIT = 500;

    private final KnownPosts knownPosts;
    private final WindowRepository windows;

    WindowController(KnownPosts knownPosts, WindowRepository windows) {
        this.knownPosts = knownPosts;
        this.windows = windows;
    }

    record Windows(List<WindowView> items) {}

    @GetMapping("/api/posts/{postId}/windows")
    @Operation(summary = "The post's closed windows in the current generation, newest first")
    Windows windows(
            @PathVariable("postId") String postId, @RequestParam(name = "limit", required = false) String limit) {
        long id = RequestValues.postId(postId);
        int count = RequestValues.intParam("limit", limit, 50, 1, MAX_LIMIT);
        if (!knownPosts.exists(id)) {
            throw new NotFoundException("postId: there is no post " + id);
        }
        return new Windows(
                windows.latest(id, count).stream().map(WindowView::of).toList());
    }
}
