# Sourced by ./ratings: `./ratings replay [--set ratings.<param>=<value> ...]`.
#
# Asks the stream processor to recompute every score from the whole `ratings` topic into a new
# generation beside the live one (settings: the configured ones, with the --set overrides on top),
# follows it until the sink has promoted it and PostgreSQL shows it current, then prints a summary.
# The live pipeline keeps accepting and serving ratings meanwhile. The request and every status
# come from `score-generations` and the consumer groups, so any stream processor instance answers.

REPLAY_TIMEOUT="${RATINGS_REPLAY_TIMEOUT:-1800}" # seconds

replay_main() {
    local -a sets=()
    while (($#)); do
        case "$1" in
            --set)
                [[ $# -ge 2 ]] || die "--set needs ratings.<param>=<value>"
                sets+=("$2")
                shift 2
                ;;
            --set=*)
                sets+=("${1#--set=}")
                shift
                ;;
            -h | --help)
                echo "usage: ./ratings replay [--set ratings.<param>=<value> ...]"
                echo "  settable: ratings.algorithm (decay-v1|decay-v2) ratings.window.size ratings.window.grace"
                echo "            ratings.decay.factor ratings.prior.mean ratings.prior.weight ratings.burst.factor"
                echo "            ratings.burst.floor ratings.baseline.smoothing ratings.trust.floor"
                echo "            ratings.trust.age-windows ratings.trust.posts ratings.probation.share ratings.probation.floor"
                return 0
                ;;
            *) die "unknown argument: $1 (usage: ./ratings replay [--set ratings.<param>=<value> ...])" ;;
        esac
    done
    require curl
    local stream="http://$APP_HOST:$(port_of stream-processor)" sink="http://$APP_HOST:$(port_of sink)"
    [[ $(service_health "$(port_of stream-processor)") == UP ]] || die "the stream processor is not up: ./ratings up first"
    [[ $(service_health "$(port_of sink)") == UP ]] || die "the sink is not up: ./ratings up first"

    # An admin token for as long as the replay may take (the services cap it at their maximum lifetime)
    local token
    token=$(mint_tokens --admin --ttl "$((REPLAY_TIMEOUT + 300))" ratings-replay) || die "could not mint an admin token"
    REPLAY_AUTH=(-H "Authorization: Bearer $token")

    local body response code generation started
    body=$(replay_request_body "${sets[@]}")
    response=$(replay_curl --max-time 60 -w '\n%{http_code}' -H 'Content-Type: application/json' -d "$body" "$stream/admin/replays")
    code=${response##*$'\n'}
    response=${response%$'\n'*}
    [[ $code == 202 ]] || die "the stream processor refused the replay ($code): $response"
    generation=$(json_field "$response" generation)
    started=$(now_us)
    say "Replaying the ratings history into generation $generation${sets[*]:+ with ${sets[*]}}"

    local status="" phase="" seen="" state=""
    while :; do
        status=$(replay_curl --max-time 10 "$stream/admin/replays/$generation") || status=""
        phase=$(json_field "$status" phase)
        state=$(json_field "$status" state)
        if [[ -n $phase && $phase != "$seen" ]]; then
            say "  $(replay_phase_text "$phase") ($(since "$started") s)"
            seen=$phase
        fi
        [[ $state == CURRENT ]] && break
        [[ $state == RETIRED ]] && die "generation $generation was retired before it became current (abandoned: see ./ratings logs stream-processor)"
        replay_check_timeout "$started"
        sleep 1
    done
    local generations
    while :; do
        generations=$(replay_curl --max-time 10 "$sink/admin/generations") || generations=""
        [[ $(json_field "$generations" current) == "$generation" ]] && break
        replay_check_timeout "$started"
        sleep 1
    done
    local entry
    entry=$(generation_entry "$generations" "$generation")
    say "Generation $generation is current: $(json_field "$entry" ratingEvents) rating events," \
        "$(json_field "$entry" post_rating_windows) windows of $(json_field "$entry" post_scores) posts, in $(since "$started") s"
}

# Every request to the services' admin API goes through here: one place for headers such as a token.
# Every call of the replay API goes through here, with the admin token minted by replay_main.
REPLAY_AUTH=()
replay_curl() {
    curl -s "${REPLAY_AUTH[@]}" "$@"
}

replay_phase_text() {
    case "$1" in
        CATCHING_UP) echo "reading the ratings history" ;;
        WAITING_FOR_SINK) echo "caught up with the live generation; waiting for the sink to write its results" ;;
        CURRENT) echo "current; the old generation is retired" ;;
        RETIRED) echo "retired" ;;
        *) echo "$1" ;;
    esac
}

replay_check_timeout() {
    (($(now_us) - $1 < REPLAY_TIMEOUT * 1000000)) || die "the replay did not finish in ${REPLAY_TIMEOUT}s; see ./ratings logs stream-processor and sink"
}

# {"set":{"ratings.decay.factor":"0.3",...}} from key=value arguments.
replay_request_body() {
    local json="" pair key value
    for pair in "$@"; do
        [[ $pair == *=* ]] || die "--set $pair: expected ratings.<param>=<value>"
        key=${pair%%=*}
        value=${pair#*=}
        [[ $key =~ ^ratings\.[a-z.-]+$ ]] || die "--set $pair: not a ratings.<param> setting"
        [[ $value =~ ^[A-Za-z0-9.+-]+$ ]] || die "--set $pair: the value may hold only letters, digits, '.', '+' and '-'"
        json+="${json:+,}\"$key\":\"$value\""
    done
    echo "{\"set\":{$json}}"
}

# The value of the first "name": in a JSON text (numbers and plain strings only).
json_field() {
    local found
    found=$(grep -o "\"$2\":\(\"[^\"]*\"\|[^,}]*\)" <<<"$1" | head -1) || true
    found=${found#*:}
    found=${found#\"}
    echo "${found%\"}"
}

# One generation's part of the sink's GET /admin/generations answer: from its "generation" field
# to the next generation's.
generation_entry() {
    local rest=${1#*\{\"generation\":$2,}
    [[ $rest != "$1" ]] || return 0
    echo "${rest%%\{\"generation\":*}"
}
