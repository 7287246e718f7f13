package dev.ratings.ingest.posts;

import java.util.List;

record PostPage(List<PostView> items, int page, int size, long total) {}
