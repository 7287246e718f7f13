# Sourced by ./ratings: `./ratings rebuild-cache`.
#
# Redis only caches each user's latest rating (what `myRating` shows); the ratings topic is the
# source of truth. This asks the ingest API to refill Redis from Kafka (POST /admin/cache-rebuilds,
# which answers where to follow the rebuild) and waits until the rebuild is done.

REBUILD_TIMEOUT="${RATINGS_REBUILD_TIMEOUT:-900}" # seconds

rebuild_cache_main() {
    (($# == 0)) || die "usage: ./ratings rebuild-cache"
    require curl
    local api="http://$HOST:$(port_of ingest-api)"
    [[ $(service_health "$(port_of ingest-api)") == UP ]] || die "the ingest API is not up: ./ratings up first"
    local token
    token=$(mint_tokens --admin --ttl 1h ratings-rebuild-cache) || die "could not mint an admin token"
    local -a auth=(-H "Authorization: Bearer $token")
    local started answer code location status
    started=$(now_us)
    answer=$(curl -s --max-time 30 -w '\n%{http_code} %header{location}' "${auth[@]}" \
        -H 'Content-Type: application/json' -d '{}' "$api/admin/cache-rebuilds")
    read -r code location <<<"${answer##*$'\n'}"
    [[ $code == 202 && -n $location ]] || die "the ingest API refused the rebuild ($code): ${answer%$'\n'*}"
    say "Asked the ingest API to refill Redis from the ratings topic (rebuild ${location##*/})"
    while :; do
        status=$(curl -s --max-time 10 "${auth[@]}" "$api$location") || status=""
        case $status in
            *'"state":"done"'*) break ;;
            *'"state":"failed"'*) die "the rebuild failed: $status; see ./ratings logs ingest-api" ;;
        esac
        (($(now_us) - started < REBUILD_TIMEOUT * 1000000)) ||
            die "the cache was not rebuilt in ${REBUILD_TIMEOUT}s; see ./ratings logs ingest-api"
        sleep 1
    done
    say "Cache rebuilt: $(grep -o '"ratings":[0-9]*' <<<"$status" | cut -d: -f2) ratings from" \
        "$(grep -o '"records":[0-9]*' <<<"$status" | cut -d: -f2) records (waited $(since "$started") s)"
}
