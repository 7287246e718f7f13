# Sourced by ./ratings: `./ratings rebuild-cache`.
#
# Redis only caches each user's latest rating (what `myRating` shows); the ratings topic is the
# source of truth. The ingest API keeps a marker key in Redis and refills the cache from Kafka
# whenever the marker is missing (a new or flushed Redis). This deletes the marker, so the running
# ingest API rebuilds at its next check (ratings.cache.check-interval, 10 s), and waits for it.
#
# TODO(merge, issue 9.6): once the ingest API serves POST /admin/cache-rebuilds, call that instead
# with an admin token (`mint_tokens --admin --ttl 1h ratings-rebuild-cache`, as ops/replay.sh does)
# and stop touching Redis from here.

REBUILD_TIMEOUT="${RATINGS_REBUILD_TIMEOUT:-900}" # seconds

rebuild_cache_main() {
    (($# == 0)) || die "usage: ./ratings rebuild-cache"
    require redis-cli
    [[ $(service_health "$(port_of ingest-api)") == UP ]] || die "the ingest API is not up: ./ratings up first"
    local marker="${RATINGS_REDIS_KEYPREFIX:-ratings:}cache:filled" started value
    started=$(now_us)
    redis-cli -h "$HOST" -p "$REDIS_PORT" DEL "$marker" >/dev/null
    say "Asked the ingest API to refill Redis from the ratings topic"
    while :; do
        value=$(redis-cli -h "$HOST" -p "$REDIS_PORT" --raw GET "$marker")
        [[ $value == "rebuilt at"* ]] && break
        (($(now_us) - started < REBUILD_TIMEOUT * 1000000)) ||
            die "the cache was not rebuilt in ${REBUILD_TIMEOUT}s; see ./ratings logs ingest-api"
        sleep 1
    done
    say "Cache $value (waited $(since "$started") s)"
}
