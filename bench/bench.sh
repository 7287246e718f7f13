# shellcheck shell=bash
# ./ratings bench [--quick]: the benchmark harness (BENCHMARKS.md explains what it measures and
# why). Sourced by ./ratings, whose helpers it uses (launch, wait_for, stop_pid, kafka_classpath,
# pg_admin, ensure_redis, ensure_postgresql...).
#
# Everything runs on this machine over loopback, beside a running `./ratings up` without touching
# it: its own Kafka broker (fresh storage, ports 19092/19093), its own database (ratings_bench,
# dropped at the end), its own Redis key prefix (deleted at the end), its own service ports
# (18080-18090). Every process it starts is stopped when it ends, however it ends.

BENCH_HOME="$STATE/bench"
BENCH_KAFKA_PORT=19092
BENCH_KAFKA_CONTROLLER_PORT=19093
BENCH_PORT_INGEST=18080
BENCH_PORT_STREAM=18081
BENCH_PORT_SINK=18082
BENCH_PORT_NAIVE=18090
BENCH_DB=ratings_bench
BENCH_POSTS=10000
BENCH_USERS=100000
BENCH_HOT_SHARE=0.8
WRK_THREADS=2
WRK_CONNECTIONS=32
BENCH_SECRET=""         # the services' JWT secret (./ratings' generated one unless RATINGS_AUTH_JWTSECRET)

BENCH_RUN=""            # this run's directory: logs, jars, results
BENCH_MODE=""
BENCH_PROCS=()          # names under $PIDS of what this run started
declare -A RES=()       # results, also written to $BENCH_RUN/results.txt

bench_say() { printf '==> [%s] %s\n' "$(date +%H:%M:%S)" "$*"; }

bench_usage() {
    die "usage: ./ratings bench [--quick]   (BENCHMARKS.md explains the run)"
}

bench_main() {
    BENCH_MODE=full
    local arg
    for arg; do
        case $arg in
            --quick) BENCH_MODE=quick ;;
            *) bench_usage ;;
        esac
    done
    bench_settings
    require java mvn curl psql pgbench flock setsid awk
    prepare_dirs
    ensure_secrets
    BENCH_SECRET=$(jwt_secret)
    mkdir -p "$BENCH_HOME"
    # fd 9, which launch() closes in the processes it starts: they must not hold the lock
    exec 9>"$BENCH_HOME/.lock"
    if ! flock -n 9; then
        # two runs at once would measure each other: wait for the other one (bounded)
        bench_say "another ./ratings bench is running; waiting for it to end (at most 30 min)"
        flock -w 1800 9 || die "another ./ratings bench is still running"
    fi
    command -v wrk >/dev/null || install_package wrk

    local started=$SECONDS
    BENCH_RUN="$BENCH_HOME/$(date +%Y%m%d-%H%M%S)-$BENCH_MODE"
    mkdir -p "$BENCH_RUN/logs"
    trap bench_cleanup EXIT
    trap 'exit 130' INT TERM
    bench_say "bench --$BENCH_MODE: logs and results in $BENCH_RUN"

    ensure_redis
    ensure_postgresql
    bench_build
    bench_check_ports
    kafka_classpath
    bench_tokens

    # BENCH_ONLY=ingest|stream|jmh runs one phase (while tuning it); the table then has gaps
    local only=${BENCH_ONLY:-}
    [[ -z $only || $only == ingest ]] && bench_phase_ingest_and_freshness
    if [[ -z $only || $only == stream ]]; then
        [[ -n $only ]] && bench_database_for_stream_only
        bench_phase_stream_and_sink
    fi
    [[ -z $only || $only == jmh ]] && bench_phase_jmh

    RES[total_s]=$((SECONDS - started))
    if [[ -n $only ]]; then
        cat "$BENCH_RUN/results.txt" # one phase's figures: the table needs them all
    else
        bench_table | tee "$BENCH_RUN/table.md"
    fi
    bench_say "Done in $((SECONDS - started)) s; table in $BENCH_RUN/table.md"
}

# Durations and sizes of the two modes. Quick keeps every measurement, only shorter.
bench_settings() {
    if [[ $BENCH_MODE == quick ]]; then
        COVER_S=180 WARMUP_S=8 MAX_S=8 PACED_S=8 MAX_ROUNDS=1
        LIVE_S=20 LIVE_WINDOW=PT10S
        STREAM_EVENTS=800000 SINK_RESULTS=200000 PGBENCH_S=8
        JMH_ARGS=(-f 1 -wi 2 -w 1s -i 3 -r 1s)
    else
        COVER_S=180 WARMUP_S=60 MAX_S=20 PACED_S=20 MAX_ROUNDS=3
        LIVE_S=90 LIVE_WINDOW=PT10S
        STREAM_EVENTS=5000000 SINK_RESULTS=1000000 PGBENCH_S=20
        JMH_ARGS=(-f 1 -wi 3 -w 2s -i 5 -r 2s)
    fi
    # Another event count while tuning the stream processor. At 2,000/s simulated a five-minute
    # window holds 600,000 events: quick mode's 800,000 close one window while they are timed.
    STREAM_EVENTS=${BENCH_STREAM_EVENTS:-$STREAM_EVENTS}
    # BENCH_STREAM_ENV="RATINGS_STREAMS_THREADS=2 ...": settings of the timed stream processor (tuning)
    # The stream processor's defaults (RatingsProperties.Streams), for the Kafka Streams ceiling
    STREAM_COMMIT_MS=1000 STREAM_CACHE_BYTES=10485760
    # The loaded ratings' timestamps as if they had arrived live at this rate: with five-minute
    # windows and 10,000 posts, it decides how many window results the stream processor emits.
    SIMULATED_RATE=2000
}

res() {
    RES[$1]=$2
    printf '%s=%s\n' "$1" "$2" >>"$BENCH_RUN/results.txt"
}

# key=value from a line of key=value pairs.
kv() { sed -n "s/.*\b$1=\([^ ]*\).*/\1/p" <<<"$2" | head -n 1; }

# ---------------------------------------------------------------------------------------------
# Build, processes, cleanup
# ---------------------------------------------------------------------------------------------

BENCH_JARS=(ingest-api/target/ingest-api.jar stream-processor/target/stream-processor.jar
    sink/target/sink.jar bench/naive-api/target/naive-api.jar tools/target/tools.jar
    bench/jmh/target/bench-jmh.jar bench/jmh/target/classpath.txt)

bench_build_needed() {
    local jar oldest=""
    for jar in "${BENCH_JARS[@]}"; do
        [[ -f $ROOT/$jar ]] || return 0
        [[ -z $oldest || $ROOT/$jar -ot $oldest ]] && oldest=$ROOT/$jar
    done
    [[ -n $(find "$ROOT" -path "$ROOT/.ratings" -prune -o \( -name pom.xml -o -path '*/src/main/*' \) \
        -newer "$oldest" -print -quit 2>/dev/null) ]]
}

# Builds when a jar is missing or older than a source, then copies the jars into the run
# directory: a rebuild in the working tree during the run must not change what runs.
bench_build() {
    if bench_build_needed; then
        local svc running=""
        for svc in "${SERVICES[@]}"; do
            running_pid "$svc" "$svc.jar" >/dev/null && running=$svc
        done
        if [[ -n $running ]]; then
            # rewriting the jar of a running Spring Boot app can crash it (like ./ratings up)
            warn "sources changed, but ./ratings up runs $running: benchmarking the jars as they are"
        else
            build
        fi
    fi
    local jar
    mkdir -p "$BENCH_RUN/jars"
    for jar in "${BENCH_JARS[@]}"; do
        [[ -f $ROOT/$jar ]] || die "$jar is missing: mvn -B -DskipTests package"
        cp "$ROOT/$jar" "$BENCH_RUN/jars/"
    done
    # JMH's classpath points into the working tree for the reactor's own jars.
    JMH_CP="$BENCH_RUN/jars/bench-jmh.jar:$(bench_local_classpath "$ROOT/bench/jmh/target/classpath.txt")"
}

# A classpath with the entries inside the working tree replaced by copies in the run directory.
bench_local_classpath() {
    local -a entries out=()
    local entry copy
    IFS=: read -r -a entries <"$1" || true
    for entry in "${entries[@]}"; do
        if [[ $entry == "$ROOT"/* ]]; then
            copy="$BENCH_RUN/jars/cp-$(basename "$(dirname "$(dirname "$entry")")")-$(basename "$entry")"
            cp "$entry" "$copy"
            entry=$copy
        fi
        out+=("$entry")
    done
    local IFS=:
    echo "${out[*]}"
}

bench_check_ports() {
    local port
    # each service's management port is its port + 1000 (19080-19082, 19090)
    for port in "$BENCH_KAFKA_PORT" "$BENCH_KAFKA_CONTROLLER_PORT" "$BENCH_PORT_INGEST" "$BENCH_PORT_STREAM" \
        "$BENCH_PORT_SINK" "$BENCH_PORT_NAIVE" $((BENCH_PORT_INGEST + 1000)) $((BENCH_PORT_STREAM + 1000)) \
        $((BENCH_PORT_SINK + 1000)) $((BENCH_PORT_NAIVE + 1000)); do
        port_open "$port" && die "port $port, which the bench uses, is taken: $(port_owner "$port")"
    done
    return 0
}

bench_tool() {
    java -Xmx512m -XX:+UseSerialGC -Dorg.slf4j.simpleLogger.defaultLogLevel=error -jar "$BENCH_RUN/jars/tools.jar" \
        bench "$@"
}

# Starts a process under a name; it is stopped by bench_stop or at the end of the run. Its pid
# file is $PIDS/bench-<name>.pid, apart from those of ./ratings up.
bench_launch() {
    local name=$1
    shift
    rm -f "$PIDS/bench-$name.pid"
    launch "bench-$name" "$BENCH_RUN/logs/$name.log" "$@"
    BENCH_PROCS+=("$name")
}

bench_pid() {
    local file="$PIDS/bench-$1.pid" pid
    [[ -f $file ]] || return 1
    pid=$(<"$file")
    alive "$pid" || return 1
    echo "$pid"
}

# Peak resident memory (VmHWM) of a process this run started, in MiB.
bench_peak_rss() {
    local pid
    pid=$(bench_pid "$1") || return 0
    awk '/^VmHWM:/ {printf "%d", $2 / 1024}' "/proc/$pid/status"
}

bench_stop() {
    local name=$1 pid
    if pid=$(bench_pid "$name"); then
        res "rss_mb_${name//-/_}" "$(bench_peak_rss "$name")"
        stop_pid "$name" "$pid" 30
    fi
    rm -f "$PIDS/bench-$name.pid"
}

bench_cleanup() {
    local status=$? name pid
    trap - EXIT INT TERM
    for name in "${BENCH_PROCS[@]}"; do
        if pid=$(bench_pid "$name"); then
            stop_pid "$name" "$pid" 20
        fi
        rm -f "$PIDS/bench-$name.pid"
    done
    pg_admin -c "drop database if exists $BENCH_DB with (force)" >/dev/null 2>&1 || true
    if [[ -n ${BENCH_REDIS_PREFIX:-} ]] && command -v redis-cli >/dev/null; then
        redis-cli -h "$HOST" -p "$REDIS_PORT" --scan --pattern "${BENCH_REDIS_PREFIX}*" 2>/dev/null \
            | xargs -r -n 500 redis-cli -h "$HOST" -p "$REDIS_PORT" del >/dev/null 2>&1 || true
    fi
    rm -rf "$BENCH_HOME/kafka-data" "$BENCH_RUN/streams" "$BENCH_RUN/tokens.txt"
    if ((status != 0)); then
        printf 'error: bench failed (exit %d); logs in %s\n' "$status" "${BENCH_RUN:-$BENCH_HOME}/logs" >&2
    fi
    exit "$status"
}

bench_wait_healthy() {
    local name=$1 port=$2 pid
    pid=$(bench_pid "$name") || die "$name did not start; log: $BENCH_RUN/logs/$name.log"
    if ! wait_for 240 "$pid" bench_is_up "$port"; then
        tail_log "$BENCH_RUN/logs/$name.log" 40
        die "$name is not healthy on port $port; log: $BENCH_RUN/logs/$name.log"
    fi
}

bench_is_up() { [[ $(service_health "$1") == UP ]]; }

# The services run exactly as ./ratings up runs them (same jar, same JVM options), with the
# bench's ports, broker, database and Redis prefix; inherited RATINGS_*/SPRING_* settings are
# dropped so that the run is the same on every machine.
bench_service() {
    local name=$1 jar=$2 port=$3
    shift 3
    local -a opts unset=() extra=()
    read -r -a opts <<<"$SERVICE_JAVA_OPTS"
    local var
    for var in $(compgen -e); do
        [[ $var == RATINGS_* || $var == SPRING_* || $var == SERVER_* ]] && unset+=(-u "$var")
    done
    if [[ -n ${BENCH_JFR:-} ]]; then
        extra+=("-XX:StartFlightRecording=filename=$BENCH_RUN/logs/$name.jfr,settings=profile")
    fi
    if [[ -n ${BENCH_SERVICE_OPTS:-} ]]; then
        # more JVM options for every service, {name} and {logs} filled in: e.g. a profiler agent
        local more=${BENCH_SERVICE_OPTS//\{name\}/$name}
        read -r -a more <<<"${more//\{logs\}/$BENCH_RUN/logs}"
        extra+=("${more[@]}")
    fi
    (cd "$BENCH_RUN" && bench_launch "$name" env "${unset[@]}" \
        SERVER_PORT="$port" MANAGEMENT_SERVER_PORT=$((port + 1000)) \
        SPRING_KAFKA_BOOTSTRAP_SERVERS="$HOST:$BENCH_KAFKA_PORT" \
        SPRING_DATASOURCE_URL="jdbc:postgresql://$HOST:$PG_PORT/$BENCH_DB" \
        SPRING_DATASOURCE_USERNAME=ratings SPRING_DATASOURCE_PASSWORD="$(pg_ratings_password)" \
        RATINGS_AUTH_JWTSECRET="$BENCH_SECRET" \
        RATINGS_REDIS_KEYPREFIX="$BENCH_REDIS_PREFIX" \
        RATINGS_STREAMS_STATEDIR="$BENCH_RUN/streams" \
        "$@" \
        java "${opts[@]}" "${extra[@]}" -jar "$BENCH_RUN/jars/$jar")
    BENCH_PROCS+=("$name")
}

# ---------------------------------------------------------------------------------------------
# Kafka, PostgreSQL, tokens
# ---------------------------------------------------------------------------------------------

# A fresh single-node broker on the bench ports: every phase that needs empty topics gets one.
bench_kafka_start() {
    local dir="$BENCH_HOME/kafka-data" props="$BENCH_RUN/kafka.properties" id pid
    rm -rf "$dir"
    mkdir -p "$dir"
    # ./ratings' broker configuration, on the bench's ports and storage
    local tmp
    tmp=$(mktemp -d)
    KAFKA_DIR=$tmp KAFKA_PORT=$BENCH_KAFKA_PORT KAFKA_CONTROLLER_PORT=$BENCH_KAFKA_CONTROLLER_PORT kafka_write_config
    sed "s|^log.dirs=.*|log.dirs=$dir|" "$tmp/server.properties" >"$props"
    rm -rf "$tmp"
    id=$(kafka_tool kafka.tools.StorageTool random-uuid | tail -n 1)
    kafka_tool kafka.tools.StorageTool format --standalone -t "$id" -c "$props" >>"$BENCH_RUN/logs/kafka.log" 2>&1 \
        || die "formatting the bench broker's storage failed; log: $BENCH_RUN/logs/kafka.log"
    local -a opts
    read -r -a opts <<<"$KAFKA_JAVA_OPTS"
    bench_launch kafka java "${opts[@]}" -Djava.awt.headless=true \
        -Dlog4j2.configurationFile="$ROOT/ops/kafka/log4j2.properties" -cp "$KAFKA_CP" kafka.Kafka "$props"
    pid=$(bench_pid kafka) || die "the bench broker did not start; log: $BENCH_RUN/logs/kafka.log"
    kafka_ready "$BENCH_KAFKA_PORT" 90 "$pid" \
        || die "the bench broker is not ready; log: $BENCH_RUN/logs/kafka.log"
}

bench_kafka_stop() {
    bench_stop kafka
    rm -rf "$BENCH_HOME/kafka-data"
}

bench_psql() {
    PGPASSWORD=$(pg_ratings_password) psql -h "$PG_HOST" -p "$PG_PORT" -U ratings -d "$BENCH_DB" -w -v ON_ERROR_STOP=1 -Atq "$@"
}

# Without the ingest phase, the stream phase needs the database that phase leaves: migrated, with
# its posts. The sink's Flyway migrates it.
bench_database_for_stream_only() {
    bench_fresh_database
    bench_kafka_start
    bench_service sink sink.jar "$BENCH_PORT_SINK"
    bench_wait_healthy sink "$BENCH_PORT_SINK"
    bench_stop sink
    bench_kafka_stop
    bench_psql -c "insert into posts (title, body, author_id)
                   select 'bench post ' || g, 'benchmark', 'bench' from generate_series(1, $BENCH_POSTS) g" >/dev/null
}

bench_fresh_database() {
    pg_admin -c "drop database if exists $BENCH_DB with (force)" >/dev/null
    pg_admin -c "create database $BENCH_DB owner ratings" >/dev/null
}

# "<transactions committed> <rows inserted+updated+deleted>" of the bench database so far. The
# statistics reach the view up to a second after a transaction: callers wait before reading.
bench_pg_counters() {
    bench_psql -F ' ' -c "select d.xact_commit,
        (select coalesce(sum(n_tup_ins + n_tup_upd + n_tup_del), 0) from pg_stat_user_tables)
        from pg_stat_database d where d.datname = current_database()"
}

bench_tokens() {
    BENCH_REDIS_PREFIX="bench-$(date +%s)-$$:"
    TOKENS="$BENCH_RUN/tokens.txt"
    RATINGS_AUTH_JWTSECRET="$BENCH_SECRET" bench_tool tokens --users "$BENCH_USERS" --out "$TOKENS" >/dev/null
}

# ---------------------------------------------------------------------------------------------
# wrk
# ---------------------------------------------------------------------------------------------

# bench_wrk <label> <port> <seconds> <rate or 0> <hot share> <path prefix> [cover]: runs wrk and stores
# its result line under the label: ok (202) per second, achieved rate, latencies in ms.
bench_wrk() {
    local label=$1 port=$2 seconds=$3 rate=$4 hot=$5 prefix=$6 mode=${7:-random} out line
    out="$BENCH_RUN/logs/wrk-$label.log"
    local marker="$BENCH_RUN/cover-$label" wrk_pid
    rm -f "$marker".*
    local cpu_before
    cpu_before=$(bench_cpu_ticks)
    BENCH_RATE=$rate BENCH_THREADS=$WRK_THREADS BENCH_COVER_MARKER=$marker \
        wrk -t"$WRK_THREADS" -c"$WRK_CONNECTIONS" -d"${seconds}s" \
        --timeout 5s -s "$ROOT/bench/wrk/ratings.lua" "http://$HOST:$port" \
        -- "$TOKENS" "$BENCH_POSTS" "$hot" "$prefix" "$mode" >"$out" 2>&1 &
    wrk_pid=$!
    if [[ $mode == cover ]]; then
        # wrk sleeps for the whole -d even when its threads have stopped; SIGINT ends it early
        wait_for "$seconds" "$wrk_pid" bench_cover_done "$marker" && kill -INT "$wrk_pid" 2>/dev/null
    fi
    wait "$wrk_pid" || true
    line=$(grep '^BENCH ' "$out" | tail -n 1)
    [[ -n $line ]] || {
        tail_log "$out" 20
        die "wrk printed no result ($out)"
    }
    local requests duration ok
    requests=$(kv requests "$line")
    duration=$(kv duration_us "$line")
    ok=$(kv ok "$line")
    res "${label}_ok_per_s" "$(awk -v n="$ok" -v d="$duration" 'BEGIN {printf "%.0f", n / (d / 1e6)}')"
    res "${label}_req_per_s" "$(awk -v n="$requests" -v d="$duration" 'BEGIN {printf "%.0f", n / (d / 1e6)}')"
    res "${label}_ok" "$ok"
    res "${label}_cpu_ms" "$(bench_cpu_per_request "$cpu_before" "$(bench_cpu_ticks)" "$requests" \
        "$(awk -v d="$duration" 'BEGIN {print d / 1e6}')")"
    res "${label}_p50_ms" "$(awk -v u="$(kv p50_us "$line")" 'BEGIN {printf "%.1f", u / 1000}')"
    res "${label}_p99_ms" "$(awk -v u="$(kv p99_us "$line")" 'BEGIN {printf "%.1f", u / 1000}')"
    res "${label}_statuses" "$(kv statuses "$line")"
    res "${label}_errors" "$(($(kv errors_connect "$line") + $(kv errors_read "$line") + $(kv errors_write "$line") + $(kv errors_timeout "$line")))"
    printf '    %-24s %6s req/s, %6s 202/s, p50 %s ms, p99 %s ms, statuses %s\n' "$label" \
        "${RES[${label}_req_per_s]}" "${RES[${label}_ok_per_s]}" "${RES[${label}_p50_ms]}" \
        "${RES[${label}_p99_ms]}" "${RES[${label}_statuses]}"
    printf '    %-24s CPU ms per request: %s\n' "" "${RES[${label}_cpu_ms]}"
}

# CPU time used so far by each part of the system, in clock ticks: "<part>=<ticks> ...". postgres
# counts every server process (and, through the postmaster, the backends that have ended); machine
# is all cores' busy time, so machine minus the parts is wrk and whatever else ran.
bench_cpu_ticks() {
    local name pid
    for name in ingest-api naive-api kafka stream-processor sink; do
        pid=$(bench_pid "$name") || continue
        printf '%s=%s ' "$name" "$(bench_proc_ticks "$pid")"
    done
    printf 'redis=%s postgres=%s machine=%s\n' "$(bench_named_ticks redis-server)" "$(bench_named_ticks postgres)" \
        "$(awk '/^cpu / {print $2 + $3 + $4 + $7 + $8}' /proc/stat)"
}

# utime + stime + the same of reaped children; the fields after the command name, which has no
# spaces for these processes
bench_proc_ticks() { awk '{print $14 + $15 + $16 + $17}' "/proc/$1/stat" 2>/dev/null || echo 0; }

bench_named_ticks() {
    local pid sum=0
    for pid in $(pgrep -x "$1"); do sum=$((sum + $(bench_proc_ticks "$pid"))); done
    echo "$sum"
}

# bench_cpu_per_request <before> <after> <requests> <seconds>: "<part> <ms>, ..." CPU milliseconds
# per request of each part that used any, and how busy the cores were.
bench_cpu_per_request() {
    awk -v before="$1" -v after="$2" -v n="$3" -v secs="$4" -v hz="$(getconf CLK_TCK)" -v cores="$(nproc)" 'BEGIN {
        split(before, b, /[ =]/); for (i = 1; i < length(b); i += 2) start[b[i]] = b[i + 1]
        split(after, a, /[ =]/)
        for (i = 1; i < length(a); i += 2) {
            part = a[i]; used = a[i + 1] - start[part]
            if (part == "machine") { busy = used; continue }
            parts += used
            if (used > 0) out = out sprintf("%s %.2f, ", part, used * 1000 / hz / n)
        }
        printf "%sother %.2f; cores %d %% busy", out, (busy - parts) * 1000 / hz / n, busy / hz / secs / cores * 100
    }'
}

bench_cover_done() { [[ $(compgen -G "$1.*" | wc -l) -ge $WRK_THREADS ]]; }

median() { printf '%s\n' "$@" | sort -n | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}'; }

# ---------------------------------------------------------------------------------------------
# Phase 1: ingest (real, naive, no-op), then freshness and database cost of the live pipeline
# ---------------------------------------------------------------------------------------------

bench_phase_ingest_and_freshness() {
    bench_say "Ingest: fresh broker, database $BENCH_DB, ingest-api and naive-api"
    bench_kafka_start
    bench_fresh_database
    # In parallel, as ./ratings up starts services: Flyway's lock lets one of them migrate.
    bench_service ingest-api ingest-api.jar "$BENCH_PORT_INGEST" ${BENCH_INGEST_ENV:-} # settings while tuning
    bench_service naive-api naive-api.jar "$BENCH_PORT_NAIVE"
    bench_wait_healthy ingest-api "$BENCH_PORT_INGEST"
    bench_wait_healthy naive-api "$BENCH_PORT_NAIVE"
    wait_for 60 "" bench_naive_tables_exist || die "naive-api did not create its tables"
    bench_psql -c "insert into posts (title, body, author_id)
                   select 'bench post ' || g, 'benchmark', 'bench' from generate_series(1, $BENCH_POSTS) g" \
        -c "insert into naive_post_totals select id, 0, 0 from posts"

    local -a variants=(real naive noop)
    declare -A port=([real]=$BENCH_PORT_INGEST [naive]=$BENCH_PORT_NAIVE [noop]=$BENCH_PORT_NAIVE)
    declare -A prefix=([real]=/api/posts/ [naive]=/api/posts/ [noop]=/api/noop/posts/)
    local v round
    # Warm-up, the same for the three: every post rated once (the ingest API looks a post up in
    # PostgreSQL the first time it sees it and remembers it: the measured runs must find every post
    # known, as in a service that has run for a while), then load until the JIT has settled: in a
    # 20 s run after a short warm-up, C2 compiling took a quarter of the ingest API's CPU (profiled).
    bench_say "Ingest: warm-up, each variant rates every post once (at most ${COVER_S}s), then ${WARMUP_S}s of load (not counted)"
    for v in "${variants[@]}"; do bench_wrk "cover_$v" "${port[$v]}" "$COVER_S" 0 0 "${prefix[$v]}" cover; done
    local covered=${RES[cover_real_ok]}
    ((covered >= BENCH_POSTS)) \
        || warn "the warm-up rated only ${RES[cover_real_ok]} posts: the ingest API still looks some up"
    for v in "${variants[@]}"; do bench_wrk "warmup_$v" "${port[$v]}" "$WARMUP_S" 0 0 "${prefix[$v]}"; done

    bench_say "Ingest: maximum rate, wrk ${WRK_THREADS} threads / ${WRK_CONNECTIONS} connections, ${MAX_S}s, $MAX_ROUNDS round(s), variants interleaved"
    declare -A rounds=()
    local before after naive_end=0
    for ((round = 1; round <= MAX_ROUNDS; round++)); do
        for v in "${variants[@]}"; do
            [[ $round == 1 && $v == naive ]] && sleep 11 && before=$(bench_pg_counters)
            bench_wrk "max_${v}_r$round" "${port[$v]}" "$MAX_S" 0 0 "${prefix[$v]}"
            rounds[$v]+="${RES[max_${v}_r${round}_ok_per_s]} "
            if [[ $round == 1 && $v == naive ]]; then
                naive_end=$SECONDS
            elif [[ $round == 1 && $v == noop ]]; then
                # The naive run's database cost. Backends publish their statistics up to 10 s
                # after their last transaction; the no-op run in between touches no database.
                sleep $((naive_end + 11 - SECONDS > 0 ? naive_end + 11 - SECONDS : 0))
                after=$(bench_pg_counters)
                bench_db_cost db_naive "$before" "$after" "${RES[max_naive_r1_ok]}"
            fi
        done
    done
    for v in "${variants[@]}"; do
        # shellcheck disable=SC2086 # a list of numbers
        res "max_${v}" "$(median ${rounds[$v]})"
    done
    # The ratios are taken round by round (the three runs of a round are a minute apart), then
    # their median: the machine's speed drifts more between rounds than within one.
    local vs_naive="" vs_noop=""
    for ((round = 1; round <= MAX_ROUNDS; round++)); do
        vs_naive+="$(ratio "${RES[max_real_r${round}_ok_per_s]}" "${RES[max_naive_r${round}_ok_per_s]}") "
        vs_noop+="$(ratio "${RES[max_real_r${round}_ok_per_s]}" "${RES[max_noop_r${round}_ok_per_s]}") "
    done
    # shellcheck disable=SC2086 # lists of numbers
    res max_real_vs_naive "$(median $vs_naive)"
    # shellcheck disable=SC2086
    res max_real_vs_noop "$(awk -v r="$(median $vs_noop)" 'BEGIN {printf "%.0f %%", 100 * r}')"
    res max_rounds_real_vs_naive "${vs_naive% }"
    res max_rounds_real_vs_noop "${vs_noop% }"

    bench_say "Ingest: 80 % of ratings on 5 hot posts, maximum rate, ${MAX_S}s"
    for v in real naive; do bench_wrk "hot_$v" "${port[$v]}" "$MAX_S" 0 "$BENCH_HOT_SHARE" "${prefix[$v]}"; done

    bench_say "Ingest: latency at 70 % of each variant's maximum rate, ${PACED_S}s (paced by wrk's delay())"
    local target
    for v in "${variants[@]}"; do
        target=$(awk -v m="${RES[max_$v]}" 'BEGIN {printf "%d", m * 0.7}')
        res "paced_${v}_target" "$target"
        bench_wrk "paced_$v" "${port[$v]}" "$PACED_S" "$target" 0 "${prefix[$v]}"
    done
    bench_stop naive-api

    bench_phase_freshness
    bench_stop ingest-api
    bench_kafka_stop
}

bench_naive_tables_exist() { [[ $(bench_psql -c "select to_regclass('naive_post_totals') is not null") == t ]]; }

# bench_db_cost <label> <counters before> <counters after> <ratings accepted>
bench_db_cost() {
    local label=$1 tx rows
    read -r tx0 rows0 <<<"$2"
    read -r tx1 rows1 <<<"$3"
    # one transaction is the counters' own query
    tx=$((tx1 - tx0 - 1))
    rows=$((rows1 - rows0))
    res "${label}_tx" "$tx"
    res "${label}_rows" "$rows"
    res "${label}_tx_per_1000" "$(awk -v t="$tx" -v n="$4" 'BEGIN {printf "%.2f", (n > 0 ? t * 1000 / n : 0)}')"
    res "${label}_rows_per_1000" "$(awk -v r="$rows" -v n="$4" 'BEGIN {printf "%.2f", (n > 0 ? r * 1000 / n : 0)}')"
}

# Freshness (window end → row in PostgreSQL) and the database cost of the whole pipeline, under a
# paced load on the real API with short windows. Runs on the ingest phase's broker, whose ratings
# are deleted first: the stream processor starts on an empty log, as in a system that keeps up.
bench_phase_freshness() {
    bench_say "Freshness: stream-processor (RATINGS_WINDOW_SIZE=$LIVE_WINDOW) and sink join the running ingest-api"
    bench_tool truncate-topic --bootstrap "$HOST:$BENCH_KAFKA_PORT" --topic ratings >/dev/null
    rm -rf "$BENCH_RUN/streams"
    bench_service stream-processor stream-processor.jar "$BENCH_PORT_STREAM" RATINGS_WINDOW_SIZE="$LIVE_WINDOW"
    bench_service sink sink.jar "$BENCH_PORT_SINK"
    bench_wait_healthy stream-processor "$BENCH_PORT_STREAM"
    bench_wait_healthy sink "$BENCH_PORT_SINK"
    sleep 11 # backends publish their statistics up to 10 s after their last transaction

    local rate before after start_ms end_ms window_s
    rate=$(awk -v m="${RES[max_real]}" 'BEGIN {printf "%d", m * 0.5}')
    res live_target "$rate"
    window_s=${LIVE_WINDOW//[!0-9]/}
    before=$(bench_pg_counters)
    start_ms=$(($(now_us) / 1000))
    bench_say "Freshness: ${LIVE_S}s of ratings at $rate/s (50 % of the real maximum) through the whole pipeline"
    bench_wrk live "$BENCH_PORT_INGEST" "$LIVE_S" "$rate" 0 /api/posts/
    end_ms=$(($(now_us) / 1000))
    # every window of the load closes within window + grace (10 s) + heartbeat; then the sink drains
    sleep $((window_s + 10 + 5))
    bench_tool await-consumed --bootstrap "$HOST:$BENCH_KAFKA_PORT" --group ratings-sink \
        --topic post-rating-windows --timeout-s 300 >"$BENCH_RUN/logs/drain-sink.log" || die "the sink did not drain"
    sleep 11
    after=$(bench_pg_counters)
    bench_db_cost db_live "$before" "$after" "${RES[live_ok]}"

    local fresh
    fresh=$(bench_psql -F ' ' -c "
        select count(*),
               round(percentile_cont(0.5) within group (order by d)::numeric, 2),
               round(percentile_cont(0.99) within group (order by d)::numeric, 2),
               round(max(d)::numeric, 2)
        from (select extract(epoch from written_at - window_end) as d
              from post_rating_windows
              where window_start >= to_timestamp($start_ms / 1000.0)
                and window_start < to_timestamp($end_ms / 1000.0)) w")
    read -r n p50 p99 max <<<"$fresh"
    res fresh_rows "$n"
    res fresh_p50_s "$p50"
    res fresh_p99_s "$p99"
    res fresh_max_s "$max"
    res fresh_windows "$(bench_psql -c "select count(distinct window_start) from post_rating_windows
        where window_start >= to_timestamp($start_ms / 1000.0) and window_start < to_timestamp($end_ms / 1000.0)")"
    printf '    freshness over %s rows in %s windows: p50 %s s, p99 %s s, max %s s\n' "$n" "${RES[fresh_windows]}" "$p50" "$p99" "$max"
    printf '    database, whole pipeline: %s transactions and %s rows per 1,000 ratings\n' \
        "${RES[db_live_tx_per_1000]}" "${RES[db_live_rows_per_1000]}"
    bench_stop sink
    bench_stop stream-processor
    res rss_mb_stream_live "${RES[rss_mb_stream_processor]}"
}

# ---------------------------------------------------------------------------------------------
# Phase 2: stream processor vs kafka-consumer-perf-test; sink vs pgbench
# ---------------------------------------------------------------------------------------------

bench_phase_stream_and_sink() {
    bench_say "Stream: fresh broker; loading $STREAM_EVENTS rating events"
    bench_kafka_start
    # The database stays (migrated, with its posts), without the first phase's results: Flyway's
    # work at the sink's start must not count in the database cost measured below.
    bench_psql -c "truncate post_rating_windows, post_scores, score_generations"
    local span_ms=$((STREAM_EVENTS * 1000 / SIMULATED_RATE)) line
    local loaded
    loaded=$(bench_tool load-ratings --bootstrap "$HOST:$BENCH_KAFKA_PORT" --count "$STREAM_EVENTS" \
        --posts "$BENCH_POSTS" --users "$BENCH_USERS" --span-ms "$span_ms" --end-ago-ms 60000)
    res stream_load_s "$(kv seconds "$loaded")"
    echo "    $loaded"

    bench_say "Stream: kafka-consumer-perf-test (ConsumerPerformance) on the same topic"
    local -a opts
    read -r -a opts <<<"$SERVICE_JAVA_OPTS"
    java "${opts[@]}" -Dlog4j2.configurationFile="$ROOT/ops/kafka/log4j2.properties" -Dratings.log.level=WARN \
        -cp "$KAFKA_CP" org.apache.kafka.tools.ConsumerPerformance --bootstrap-server "$HOST:$BENCH_KAFKA_PORT" \
        --topic ratings --messages "$STREAM_EVENTS" --group "bench-perf-$$" --timeout 60000 \
        >"$BENCH_RUN/logs/consumer-perf.log" 2>&1 || die "ConsumerPerformance failed; log: $BENCH_RUN/logs/consumer-perf.log"
    # start.time, end.time, data.consumed.in.MB, MB.sec, data.consumed.in.nMsg, nMsg.sec,
    # rebalance.time.ms, fetch.time.ms, fetch.MB.sec, fetch.nMsg.sec
    line=$(grep -E '^[0-9]{4}-' "$BENCH_RUN/logs/consumer-perf.log" | tail -n 1)
    res perf_msgs "$(awk -F', *' '{print $5}' <<<"$line")"
    res perf_msg_per_s "$(awk -F', *' '{printf "%.0f", $10}' <<<"$line")"
    res perf_msg_per_s_with_join "$(awk -F', *' '{printf "%.0f", $6}' <<<"$line")"
    echo "    consumer perf: ${RES[perf_msg_per_s]} records/s fetching (${RES[perf_msg_per_s_with_join]}/s with the group join)"

    bench_say "Stream: stream-processor (exactly_once_v2, RocksDB, fresh state) from start to all consumed"
    rm -rf "$BENCH_RUN/streams"
    bench_timed_consumer stream ratings-scores-g1 ratings \
        bench_service stream-processor stream-processor.jar "$BENCH_PORT_STREAM" ${BENCH_STREAM_ENV:-}
    # The last windows close by heartbeat once the log is read: wait for every result, so that the
    # database cost below is that of all the loaded ratings.
    res windows_expected "$(kv windows "$loaded")"
    wait_for 120 "$(bench_pid stream-processor)" bench_windows_closed "${RES[windows_expected]}" \
        || warn "the stream processor closed $(bench_windows_closed_count) of ${RES[windows_expected]} windows"
    res windows_from_stream "$(bench_windows_closed_count)"
    bench_stop stream-processor
    bench_streams_ceiling pass-through
    bench_streams_ceiling one-store

    bench_say "Database cost, five-minute windows: the sink writes the stream processor's results"
    local before after
    before=$(bench_pg_counters)
    bench_timed_consumer sink_k ratings-sink post-rating-windows \
        bench_service sink sink.jar "$BENCH_PORT_SINK"
    sleep 11 # backends publish their statistics up to 10 s after their last transaction
    after=$(bench_pg_counters)
    bench_db_cost db_w5m "$before" "$after" "$STREAM_EVENTS"
    bench_stop sink
    printf '    %s ratings → %s window results → %s transactions, %s rows per 1,000 ratings\n' "$STREAM_EVENTS" \
        "${RES[windows_from_stream]}" "${RES[db_w5m_tx_per_1000]}" "${RES[db_w5m_rows_per_1000]}"

    bench_say "Sink: loading $SINK_RESULTS window results, then the sink from start to all written"
    # a day ahead: newer than every real window, so each result also moves its post's score
    local first_window_ms=$(((($(now_us) / 1000) / 300000 + 288) * 300000))
    line=$(bench_tool load-windows --bootstrap "$HOST:$BENCH_KAFKA_PORT" --count "$SINK_RESULTS" \
        --posts "$BENCH_POSTS" --first-window-ms "$first_window_ms")
    echo "    $line"
    before=$(bench_pg_counters)
    bench_timed_consumer sink ratings-sink post-rating-windows \
        bench_service sink sink.jar "$BENCH_PORT_SINK"
    bench_stop sink
    sleep 11
    after=$(bench_pg_counters)
    # A result is a row of post_rating_windows and, being its post's newest, an update of post_scores:
    # rows/s counts both, as the ceiling counts every row it writes.
    bench_db_cost sink_run "$before" "$after" "${RES[sink_new_records]}"
    res sink_rows_per_s "$(awk -v r="${RES[sink_per_s]}" -v k="${RES[sink_run_rows_per_1000]}" \
        'BEGIN {printf "%.0f", r * k / 1000}')"
    echo "    sink: ${RES[sink_run_rows_per_1000]} rows per 1,000 results → ${RES[sink_rows_per_s]} rows/s"

    bench_say "Sink: server-side ceiling, pgbench, one INSERT … SELECT generate_series … ON CONFLICT DO UPDATE of 1,000 rows per transaction"
    bench_pgbench_ceiling
    bench_stream_decay_v2
    bench_kafka_stop
}

# decay-v2 (rater trust: a stage keyed by user between two repartition topics) on the same topic,
# timed like decay-v1. It comes last, after the sink's measures, as it writes results again. An
# empty generation log and an application id of its own make it a first generation with its own
# parameters, reading from the first rating. BENCH_DECAY_V2=1|0 (default: in the full run only; the
# quick one would not fit its 8 minutes).
bench_stream_decay_v2() {
    local default=0
    [[ $BENCH_MODE == full ]] && default=1
    [[ ${BENCH_DECAY_V2:-$default} == 1 ]] || return 0
    bench_say "Stream: stream-processor under decay-v2 (RATINGS_ALGORITHM=decay-v2, fresh state) from start to all consumed"
    bench_kafka_tool org.apache.kafka.tools.TopicCommand --bootstrap-server "$HOST:$BENCH_KAFKA_PORT" \
        --delete --topic score-generations
    wait_for 60 "" bench_topic_gone score-generations || die "score-generations was not deleted in 60 s"
    rm -rf "$BENCH_RUN/streams"
    bench_timed_consumer stream_v2 bench-decay-v2-g1 ratings \
        bench_service stream-processor stream-processor.jar "$BENCH_PORT_STREAM" \
        RATINGS_ALGORITHM=decay-v2 RATINGS_STREAMS_APPLICATIONIDPREFIX=bench-decay-v2 ${BENCH_STREAM_ENV:-}
    wait_for 120 "$(bench_pid stream-processor)" bench_windows_closed "${RES[windows_expected]}" \
        || warn "under decay-v2 the stream processor closed $(bench_windows_closed_count) of ${RES[windows_expected]} windows"
    res windows_from_stream_v2 "$(bench_windows_closed_count)"
    bench_stop stream-processor
}

bench_topic_gone() {
    ! bench_kafka_tool org.apache.kafka.tools.TopicCommand --bootstrap-server "$HOST:$BENCH_KAFKA_PORT" \
        --list | grep -qx "$1"
}

# A Kafka command-line tool (a main class of the Kafka artifacts) against the bench's broker;
# its output goes to stdout, its log to the run's logs.
bench_kafka_tool() {
    local -a opts
    read -r -a opts <<<"$SERVICE_JAVA_OPTS"
    java "${opts[@]}" -Dlog4j2.configurationFile="$ROOT/ops/kafka/log4j2.properties" -Dratings.log.level=WARN \
        -cp "$KAFKA_CP" "$@" 2>>"$BENCH_RUN/logs/kafka-tools.log" \
        || die "$1 failed; log: $BENCH_RUN/logs/kafka-tools.log"
}

# The Kafka Streams runtime alone on the same topic, with the stream processor's guarantees and
# settings (exactly_once_v2, its commit interval and record cache, one thread): what the framework
# reaches here doing next to nothing (tools.jar bench streams-ceiling), timed like the stream processor.
bench_streams_ceiling() {
    local mode=$1 label=ceiling_${1//-/_}
    bench_say "Stream: Kafka Streams ceiling, $mode (exactly_once_v2) on the same topic"
    local -a opts
    read -r -a opts <<<"$SERVICE_JAVA_OPTS"
    bench_timed_consumer "$label" "bench-ceiling-$mode" ratings \
        bench_launch "ceiling-$mode" java "${opts[@]}" -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
        -jar "$BENCH_RUN/jars/tools.jar" bench streams-ceiling --mode "$mode" \
        --bootstrap "$HOST:$BENCH_KAFKA_PORT" --topic ratings --application-id "bench-ceiling-$mode" \
        --state-dir "$BENCH_RUN/streams/ceiling-$mode" \
        --commit-interval-ms "$STREAM_COMMIT_MS" --cache-max-bytes "$STREAM_CACHE_BYTES"
    bench_stop "ceiling-$mode"
}

# Windows the stream processor has closed (its ratings_windows_closed_total counter).
bench_windows_closed_count() {
    curl -s --max-time 5 "http://$HOST:$((BENCH_PORT_STREAM + 1000))/actuator/prometheus" \
        | awk '/^ratings_windows_closed_total/ {s += $NF} END {printf "%d", s}'
}

bench_windows_closed() { (($(bench_windows_closed_count) >= $1)); }

# bench_timed_consumer <label> <group> <topic> <command that starts the consumer...>: fixes what
# the topic holds, starts the consumer, and times it until the group has committed all of it.
bench_timed_consumer() {
    local label=$1 group=$2 topic=$3 log
    shift 3
    log="$BENCH_RUN/logs/await-$label.log"
    bench_tool await-consumed --bootstrap "$HOST:$BENCH_KAFKA_PORT" --group "$group" --topic "$topic" \
        --timeout-s 1500 >"$log" 2>"$log.err" &
    local watcher=$!
    wait_for 60 "$watcher" grep -q '^targets=' "$log" || die "await-consumed did not start; $log.err"
    local launched_ms
    launched_ms=$(($(now_us) / 1000))
    bench_cpu_sampler >"$BENCH_RUN/logs/cpu-$label.log" &
    local sampler=$!
    "$@"
    wait "$watcher" || die "$label: the group $group did not consume $topic in time; $log"
    kill "$sampler" 2>/dev/null
    wait "$sampler" 2>/dev/null || true # killed: its status is 143
    local line
    line=$(grep '^consumed=' "$log")
    local consumed first_ms first_consumed done_ms
    consumed=$(kv consumed "$line")
    first_ms=$(kv first_ms "$line")
    first_consumed=$(kv first_consumed "$line")
    done_ms=$(kv done_ms "$line")
    res "${label}_cores" "$(bench_cores_used "$BENCH_RUN/logs/cpu-$label.log" "$first_ms" "$done_ms")"
    res "${label}_records" "$consumed"
    res "${label}_new_records" $((consumed - $(kv initial "$line")))
    res "${label}_wall_s" "$(awk -v a="$launched_ms" -v b="$done_ms" 'BEGIN {printf "%.1f", (b - a) / 1000}')"
    res "${label}_startup_s" "$(awk -v a="$launched_ms" -v b="$first_ms" 'BEGIN {printf "%.1f", (b - a) / 1000}')"
    res "${label}_per_s" "$(awk -v n="$consumed" -v f="$first_consumed" -v a="$first_ms" -v b="$done_ms" \
        'BEGIN {printf "%.0f", (b > a ? (n - f) * 1000 / (b - a) : 0)}')"
    printf '    %s: %s records, %s/s once consuming (first commit %s s after launch, all %s s after launch)\n' \
        "$label" "$consumed" "${RES[${label}_per_s]}" "${RES[${label}_startup_s]}" "${RES[${label}_wall_s]}"
}

# Every 0.5 s: "<ms> <process>=<CPU ticks> ... machine=<ticks>" of the bench's processes.
bench_cpu_sampler() {
    local file name pid
    while :; do
        printf '%s' "$(($(now_us) / 1000))"
        for file in "$PIDS"/bench-*.pid; do
            [[ -f $file ]] || continue
            name=${file##*/bench-} && name=${name%.pid}
            # utime + stime (+ reaped children's) from /proc/<pid>/stat: the name has no spaces here
            pid=$(<"$file") && [[ -d /proc/$pid ]] \
                && printf ' %s=%s' "$name" "$(awk '{print $14 + $15 + $16 + $17}' "/proc/$pid/stat" 2>/dev/null)"
        done
        printf ' machine=%s\n' "$(awk '/^cpu / {print $2 + $3 + $4 + $7 + $8}' /proc/stat)"
        sleep 0.5
    done
}

# bench_cores_used <samples> <from_ms> <to_ms>: cores each process used on average in between
# (the samples nearest inside), "other" being the rest of the machine.
bench_cores_used() {
    awk -v from="$2" -v to="$3" -v hz="$(getconf CLK_TCK)" '
        function parse(line, into,    f, i, kv) {
            delete into; n = split(line, f, " ")
            for (i = 2; i <= n; i++) { split(f[i], kv, "="); into[kv[1]] = kv[2] }
        }
        $1 >= from && first == "" { first = $0; t0 = $1 }
        $1 <= to { last = $0; t1 = $1 }
        END {
            if (first == "" || t1 <= t0) { print "n/a"; exit }
            parse(first, a); for (k in a) start[k] = a[k]
            parse(last, b); secs = (t1 - t0) / 1000
            for (k in b) if (k in start && k != "machine") {
                used = (b[k] - start[k]) / hz; parts += used
                if (used > 0) out = out sprintf("%s %.2f, ", k, used / secs)
            }
            printf "%sother %.2f (cores)", out, ((b["machine"] - start["machine"]) / hz - parts) / secs
        }' "$1"
}

bench_pgbench_ceiling() {
    bench_psql -c "create table bench_ceiling (like post_rating_windows including all)"
    local script="$BENCH_RUN/pgbench-ceiling.sql" columns
    columns="generation, post_id, window_start, window_end, ratings_in_window, new_raters, burst_weight, baseline,
        rating_count, rating_sum, raw_average, weighted_count, weighted_sum, target, score, algorithm, window_size_ms,
        decay_factor, prior_mean, prior_weight, burst_factor, burst_floor, baseline_smoothing, written_at"
    cat >"$script" <<EOF
\\set window random(1, 1000000000)
INSERT INTO bench_ceiling ($columns)
SELECT 1, g, timestamptz 'epoch' + :window * interval '5 minutes', timestamptz 'epoch' + (:window + 1) * interval '5 minutes',
       20 + g % 40, g % 7, 0.75, 21.5, 300 + g, 1000 + 3 * g, 3.3, 280.5, 930.25, 3.31, 3.29, 'decay-v1', 300000,
       0.5, 2.5, 0, 3, 10, 0.2, now()
FROM generate_series(1, 1000) g
ON CONFLICT (generation, post_id, window_start) DO UPDATE SET
    window_end = EXCLUDED.window_end, ratings_in_window = EXCLUDED.ratings_in_window, new_raters = EXCLUDED.new_raters,
    burst_weight = EXCLUDED.burst_weight, baseline = EXCLUDED.baseline, rating_count = EXCLUDED.rating_count,
    rating_sum = EXCLUDED.rating_sum, raw_average = EXCLUDED.raw_average, weighted_count = EXCLUDED.weighted_count,
    weighted_sum = EXCLUDED.weighted_sum, target = EXCLUDED.target, score = EXCLUDED.score,
    algorithm = EXCLUDED.algorithm, window_size_ms = EXCLUDED.window_size_ms, decay_factor = EXCLUDED.decay_factor,
    prior_mean = EXCLUDED.prior_mean, prior_weight = EXCLUDED.prior_weight, burst_factor = EXCLUDED.burst_factor,
    burst_floor = EXCLUDED.burst_floor, baseline_smoothing = EXCLUDED.baseline_smoothing, written_at = EXCLUDED.written_at;
EOF
    PGPASSWORD=$(pg_ratings_password) pgbench -h "$PG_HOST" -p "$PG_PORT" -U ratings -n -c 1 -T "$PGBENCH_S" -f "$script" "$BENCH_DB" \
        >"$BENCH_RUN/logs/pgbench.log" 2>&1 || die "pgbench failed; log: $BENCH_RUN/logs/pgbench.log"
    local tps
    tps=$(sed -n 's/^tps = \([0-9.]*\).*/\1/p' "$BENCH_RUN/logs/pgbench.log" | tail -n 1)
    res pgbench_tps "$tps"
    res pgbench_rows_per_s "$(awk -v t="$tps" 'BEGIN {printf "%.0f", t * 1000}')"
    echo "    pgbench: $tps transactions/s = ${RES[pgbench_rows_per_s]} rows/s (1 client, like the sink's one listener)"
}

# ---------------------------------------------------------------------------------------------
# Phase 3: JMH
# ---------------------------------------------------------------------------------------------

bench_phase_jmh() {
    bench_say "JMH: decay-v1, decay-v2 and the JSON serde (${JMH_ARGS[*]})"
    local -a opts
    read -r -a opts <<<"$SERVICE_JAVA_OPTS"
    java -cp "$JMH_CP" org.openjdk.jmh.Main "${JMH_ARGS[@]}" -jvmArgs "${opts[*]}" \
        -rf csv -rff "$BENCH_RUN/jmh.csv" >"$BENCH_RUN/logs/jmh.log" 2>&1 \
        || die "JMH failed; log: $BENCH_RUN/logs/jmh.log"
    # "Benchmark","Mode","Threads","Samples","Score","Score Error (99.9%)","Unit","Param: raters"
    local name score error param
    while IFS=, read -r name _ _ _ score error _ param; do
        param=${param%$'\r'}
        name=${name//\"/}
        name=${name##*.}
        param=${param//\"/}
        [[ -n $param ]] && name="${name}_$param"
        res "jmh_$name" "$(awk -v s="$score" -v e="$error" 'BEGIN {printf "%.1f ± %.1f", s, e}')"
        printf '    %-28s %s ns/op\n' "$name" "${RES[jmh_$name]}"
    done < <(tail -n +2 "$BENCH_RUN/jmh.csv")
}

# ---------------------------------------------------------------------------------------------
# The table
# ---------------------------------------------------------------------------------------------

ratio() { awk -v a="$1" -v b="$2" 'BEGIN {if (b > 0) printf "%.2f", a / b; else print "n/a"}'; }
factor() { awk -v a="$1" -v b="$2" 'BEGIN {if (b <= 0) print "∞ (none)"; else if (a / b < 10) printf "%.1f×", a / b; else printf "%.0f×", a / b}'; }
pct() { awk -v a="$1" -v b="$2" 'BEGIN {if (b > 0) printf "%.0f %%", 100 * a / b; else print "n/a"}'; }

bench_table() {
    cat <<EOF

## ./ratings bench --$BENCH_MODE ($(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, $(java -version 2>&1 | head -n 1 | tr -d '"'))

| # | measure | pipeline | baseline(s) side by side | ratio | target |
|---|---|---|---|---|---|
| 1 | ingest max rate, 202/s, uniform over $BENCH_POSTS posts (wrk ${WRK_THREADS}t/${WRK_CONNECTIONS}c, ${MAX_S} s × $MAX_ROUNDS) | real ${RES[max_real]} | naive ${RES[max_naive]}; no-op ${RES[max_noop]} | real/naive ${RES[max_real_vs_naive]}; real/no-op ${RES[max_real_vs_noop]} (medians of the rounds' ratios: ${RES[max_rounds_real_vs_naive]}; ${RES[max_rounds_real_vs_noop]}) | ≥ 2; ≥ 60 % |
| 1 | ingest max rate, 202/s, 80 % on 5 hot posts | real ${RES[hot_real_ok_per_s]} | naive ${RES[hot_naive_ok_per_s]} | real/naive $(ratio "${RES[hot_real_ok_per_s]}" "${RES[hot_naive_ok_per_s]}"); real/no-op $(pct "${RES[hot_real_ok_per_s]}" "${RES[max_noop]}") | ≥ 2; ≥ 60 % |
| 1 | CPU ms per request at max rate (last round), by process; cores busy | real: ${RES[max_real_r${MAX_ROUNDS}_cpu_ms]} | naive: ${RES[max_naive_r${MAX_ROUNDS}_cpu_ms]}; no-op: ${RES[max_noop_r${MAX_ROUNDS}_cpu_ms]} | | |
| 1 | latency at 70 % of own max (achieved rate), p50 / p99 ms | real ${RES[paced_real_p50_ms]} / ${RES[paced_real_p99_ms]} (${RES[paced_real_ok_per_s]}/s of ${RES[paced_real_target]}) | naive ${RES[paced_naive_p50_ms]} / ${RES[paced_naive_p99_ms]} (${RES[paced_naive_ok_per_s]}/s of ${RES[paced_naive_target]}); no-op ${RES[paced_noop_p50_ms]} / ${RES[paced_noop_p99_ms]} (${RES[paced_noop_ok_per_s]}/s of ${RES[paced_noop_target]}) | | p99 ≤ 25 ms |
| 2 | stream processor, records/s ($STREAM_EVENTS events, exactly_once_v2, RocksDB) | ${RES[stream_per_s]} (all consumed ${RES[stream_wall_s]} s after launch) | kafka-consumer-perf-test ${RES[perf_msg_per_s]} | $(pct "${RES[stream_per_s]}" "${RES[perf_msg_per_s]}") | ≥ 30 % |
| 2 | stream processor under decay-v2 (rater trust), records/s, the same events | ${RES[stream_v2_per_s]:-not run (BENCH_DECAY_V2=1)} (all consumed ${RES[stream_v2_wall_s]:-?} s after launch; cores: ${RES[stream_v2_cores]:-?}) | decay-v1 ${RES[stream_per_s]} | $([[ -n ${RES[stream_v2_per_s]:-} ]] && pct "${RES[stream_v2_per_s]}" "${RES[stream_per_s]}" || echo n/a) | ≥ 70 % |
| 2 | the same topic through Kafka Streams alone, records/s (exactly_once_v2, the stream processor's commit interval and cache, 1 thread) | stream processor ${RES[stream_per_s]} (cores: ${RES[stream_cores]}) | pass-through to a topic ${RES[ceiling_pass_through_per_s]}; one RocksDB store, one write per record ${RES[ceiling_one_store_per_s]} (cores: ${RES[ceiling_one_store_cores]}) | $(pct "${RES[stream_per_s]}" "${RES[ceiling_pass_through_per_s]}") of pass-through; $(pct "${RES[stream_per_s]}" "${RES[ceiling_one_store_per_s]}") of one store | |
| 3 | sink, rows/s into PostgreSQL ($SINK_RESULTS window results) | ${RES[sink_rows_per_s]} rows/s = ${RES[sink_per_s]} results/s × ${RES[sink_run_rows_per_1000]} rows per 1,000 (all written ${RES[sink_wall_s]} s after launch) | pgbench ceiling ${RES[pgbench_rows_per_s]} rows/s | $(pct "${RES[sink_rows_per_s]}" "${RES[pgbench_rows_per_s]}") (results/s: $(pct "${RES[sink_per_s]}" "${RES[pgbench_rows_per_s]}")) | ≥ 40 % |
| 4 | freshness, window end → row, p50 / p99 / max s (W = $LIVE_WINDOW, grace 10 s, ${RES[live_ok_per_s]} ratings/s for ${LIVE_S} s) | ${RES[fresh_p50_s]} / ${RES[fresh_p99_s]} / ${RES[fresh_max_s]} (${RES[fresh_rows]} rows, ${RES[fresh_windows]} windows) | | | p99 ≤ 15 s |
| 5 | PostgreSQL transactions per 1,000 ratings | live, W = $LIVE_WINDOW: ${RES[db_live_tx_per_1000]}; W = 5 min: ${RES[db_w5m_tx_per_1000]} | naive ${RES[db_naive_tx_per_1000]} | $(factor "${RES[db_naive_tx_per_1000]}" "${RES[db_live_tx_per_1000]}") fewer; $(factor "${RES[db_naive_tx_per_1000]}" "${RES[db_w5m_tx_per_1000]}") fewer | ≥ 100× |
| 5 | PostgreSQL rows written per 1,000 ratings | live, W = $LIVE_WINDOW: ${RES[db_live_rows_per_1000]}; W = 5 min: ${RES[db_w5m_rows_per_1000]} | naive ${RES[db_naive_rows_per_1000]} | $(factor "${RES[db_naive_rows_per_1000]}" "${RES[db_live_rows_per_1000]}") fewer; $(factor "${RES[db_naive_rows_per_1000]}" "${RES[db_w5m_rows_per_1000]}") fewer | ≥ 20× |
| 6 | peak RSS (VmHWM), MiB | ingest-api ${RES[rss_mb_ingest_api]}, stream-processor ${RES[rss_mb_stream_live]} (live) / ${RES[rss_mb_stream_processor]} (backlog), sink ${RES[rss_mb_sink]}, Kafka ${RES[rss_mb_kafka]} | naive-api ${RES[rss_mb_naive_api]} | | |
| 7 | JMH, ns/op: decay-v1 per rating (raters 10 / 1000) | ${RES[jmh_perRating_10]} / ${RES[jmh_perRating_1000]} | | | |
| 7 | JMH, ns/op: decay-v1 per window (10 / 1000 raters) | ${RES[jmh_perWindow_10]} / ${RES[jmh_perWindow_1000]} | | | |
| 7 | JMH, ns/op: decay-v2 per rating / per window (raters 10 / 1000); trust of a rating from a history | ${RES[jmh_perRatingDecayV2_10]:-?} / ${RES[jmh_perRatingDecayV2_1000]:-?}; ${RES[jmh_perWindowDecayV2_10]:-?} / ${RES[jmh_perWindowDecayV2_1000]:-?}; ${RES[jmh_trustOfARating_10]:-?} | | | |
| 7 | JMH, ns/op: JSON read rating event / write, read window result | ${RES[jmh_perRatingReadEvent]} / ${RES[jmh_perWindowWriteResult]}, ${RES[jmh_perWindowReadResult]} | | | |

Whole run: ${RES[total_s]} s. Statuses (real max): ${RES[max_real_r1_statuses]}; naive: ${RES[max_naive_r1_statuses]}; no-op: ${RES[max_noop_r1_statuses]}.
EOF
}
