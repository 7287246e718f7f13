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
BENCH_LOAD_SAMPLER=""   # pid of the load sampler of the phase under way
BENCH_DB_CREATED=""     # set once this run has (re)created $BENCH_DB: only then does it drop it

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
    require java mvn curl psql pgbench flock setsid
    prepare_dirs
    ensure_secrets
    BENCH_SECRET=$(jwt_secret)
    mkdir -p "$BENCH_HOME"
    # fd 9, which launch() closes in the processes it starts: they must not hold the lock. One lock
    # for the machine, not the checkout: every checkout's bench uses the same ports and database.
    exec 9>"${TMPDIR:-/tmp}/ratings-bench.lock"
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
    bench_record_settings

    ensure_redis
    ensure_postgresql
    bench_build
    bench_check_ports
    kafka_classpath
    bench_tokens

    # BENCH_ONLY=ingest|stream|replay|jmh runs one phase (while tuning it); the table then has gaps
    local only=${BENCH_ONLY:-}
    [[ -z $only || $only == ingest ]] && bench_phase_ingest_and_freshness
    if [[ -z $only || $only == stream ]]; then
        [[ -n $only ]] && bench_database_for_stream_only
        bench_phase_stream_and_sink
    fi
    # quick: the stream phase's ratings were replayed already (bench_quick_replay)
    if [[ $only == replay || (-z $only && $BENCH_MODE == full) ]]; then
        [[ -n $only ]] && bench_database_for_stream_only
        bench_phase_replay
    fi
    [[ -z $only || $only == jmh ]] && bench_phase_jmh

    res total_s $((SECONDS - started))
    if [[ -n $only ]]; then
        cat "$BENCH_RUN/results.txt" # one phase's figures: the table needs them all
    else
        bench_tool table --results "$BENCH_RUN/results.txt" | tee "$BENCH_RUN/table.md"
    fi
    bench_say "Done in $((SECONDS - started)) s; table in $BENCH_RUN/table.md"
}

# Durations and sizes of the two modes. Quick keeps every measurement, only shorter.
bench_settings() {
    if [[ $BENCH_MODE == quick ]]; then
        COVER_S=180 WARMUP_S=4 WARMUP_MAX_S=28 MAX_S=6 PACED_S=6 MAX_ROUNDS=1
        LIVE_S=12 LIVE_WINDOW=PT10S
        # REPLAY_EVENTS: with BENCH_ONLY=replay; the whole quick run replays the stream phase's ratings
        STREAM_EVENTS=800000 SINK_RESULTS=200000 PGBENCH_S=3 REPLAY_EVENTS=800000
        JMH_ARGS=(-f 1 -wi 1 -w 500ms -i 1 -r 500ms)
    else
        COVER_S=180 WARMUP_S=60 WARMUP_MAX_S=120 MAX_S=20 PACED_S=20 MAX_ROUNDS=3
        LIVE_S=90 LIVE_WINDOW=PT10S
        STREAM_EVENTS=5000000 SINK_RESULTS=1000000 PGBENCH_S=20 REPLAY_EVENTS=10000000
        JMH_ARGS=(-f 1 -wi 3 -w 2s -i 5 -r 2s)
    fi
    # Another event count while tuning the stream processor. At 2,000/s simulated a five-minute
    # window holds 600,000 events: quick mode's 800,000 close one window while they are timed.
    STREAM_EVENTS=${BENCH_STREAM_EVENTS:-$STREAM_EVENTS}
    # The recalculation's history (issue 12's target is for 10 M), and another size while tuning it
    REPLAY_EVENTS=${BENCH_REPLAY_EVENTS:-$REPLAY_EVENTS}
    # Another number of window results for the sink while tuning it
    SINK_RESULTS=${BENCH_SINK_RESULTS:-$SINK_RESULTS}
    # BENCH_STREAM_ENV="RATINGS_STREAMS_THREADS=2 ...": settings of the timed stream processor (tuning)
    # The stream processor's defaults (RatingsProperties.Streams), for the Kafka Streams ceiling
    STREAM_COMMIT_MS=1000 STREAM_CACHE_BYTES=10485760
    # The loaded ratings' timestamps as if they had arrived live at this rate: with five-minute
    # windows and 10,000 posts, it decides how many window results the stream processor emits.
    SIMULATED_RATE=2000
}

# The run's figures live in $BENCH_RUN/results.txt, key=value, the last one of a key winning: the
# bench tools write theirs there, the table reads them from there.
res() { printf '%s=%s\n' "$1" "$2" >>"$BENCH_RUN/results.txt"; }
result() { sed -n "s/^$1=//p" "$BENCH_RUN/results.txt" | tail -n 1; }
results_file() { echo "$BENCH_RUN/results.txt"; }

# What the table's headings name.
bench_record_settings() {
    res mode "$BENCH_MODE"
    res posts "$BENCH_POSTS"
    res wrk_threads "$WRK_THREADS"
    res wrk_connections "$WRK_CONNECTIONS"
    res max_s "$MAX_S"
    res max_rounds "$MAX_ROUNDS"
    res stream_events "$STREAM_EVENTS"
    res sink_results "$SINK_RESULTS"
    res replay_events "$REPLAY_EVENTS"
    res live_window "$LIVE_WINDOW"
    res live_s "$LIVE_S"
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
        local svc name running=""
        for svc in "${SERVICES[@]}"; do
            for name in $(started_instances "$svc"); do
                running_pid "$name" "$svc.jar" >/dev/null && running=$name
            done
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

# The same, replacing the calling (sub)shell: for one started in the background and killed later.
bench_tool_exec() {
    exec java -Xmx64m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -jar "$BENCH_RUN/jars/tools.jar" bench "$@"
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

bench_stop() {
    local name=$1 pid
    if pid=$(bench_pid "$name"); then
        # its peak resident memory (VmHWM)
        bench_tool rss --results "$(results_file)" --label "rss_mb_${name//-/_}" --pid "$pid"
        stop_pid "$name" "$pid" 30
    fi
    rm -f "$PIDS/bench-$name.pid"
}

bench_cleanup() {
    local status=$? name pid
    trap - EXIT INT TERM
    [[ -n $BENCH_LOAD_SAMPLER ]] && kill "$BENCH_LOAD_SAMPLER" 2>/dev/null
    # watchers and samplers still running after a failure (a function run with & is a subshell
    # whose java is its child): they would poll a broker that is gone for up to 25 minutes
    local job
    for job in $(jobs -p); do
        pkill -P "$job" 2>/dev/null || true
        kill "$job" 2>/dev/null || true
    done
    for name in "${BENCH_PROCS[@]}"; do
        if pid=$(bench_pid "$name"); then
            stop_pid "$name" "$pid" 20
        fi
        rm -f "$PIDS/bench-$name.pid"
    done
    # only a database this run created: a run that stops at its start (ports taken by another
    # checkout's bench) must not drop the database the other run is measuring with
    [[ -n $BENCH_DB_CREATED ]] && { pg_admin -c "drop database if exists $BENCH_DB with (force)" >/dev/null 2>&1 || true; }
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

# PostgreSQL's statistics (bench_pg_counters) lag: a backend publishes its own when idle for 10 s,
# or at once when it exits. A measured service is stopped first, and its backends exit with its
# connections: a moment later every transaction it ran is counted.
bench_pg_settle() { sleep 1; }

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
    bench_psql -c "insert into posts (id, title, body, author_id)
                   select nextval('post_ids'), 'bench post ' || g, 'benchmark', 'bench' from generate_series(1, $BENCH_POSTS) g" >/dev/null
}

bench_fresh_database() {
    BENCH_DB_CREATED=1
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
    grep -q '^BENCH ' "$out" || {
        tail_log "$out" 20
        die "wrk printed no result ($out)"
    }
    bench_tool wrk --results "$(results_file)" --label "$label" --log "$out" \
        --cpu-before "$cpu_before" --cpu-after "$(bench_cpu_ticks)"
}

# CPU time used so far by each part of the system, in clock ticks: "<part>=<ticks> ...". postgres
# counts every server process (and, through the postmaster, the backends that have ended); machine
# is all cores' busy time, so machine minus the parts is wrk and whatever else ran.
bench_cpu_ticks() { bench_tool cpu-ticks --pids "$PIDS"; }

# The machine's load around a phase, so that figures taken while other work kept the cores busy
# are marked (tools.jar bench load; MachineLoad states the rule): five samples of /proc/loadavg
# before the phase's own work starts, then one every 2 s until bench_load_end.
# bench_load_begin <phase> <threads the phase itself keeps busy>
bench_load_begin() {
    BENCH_LOAD_PHASE=$1 BENCH_LOAD_OWN=$2
    local i
    for i in 1 2 3 4 5; do bench_load_sample before && sleep 0.4; done >"$BENCH_RUN/logs/load-$1.log"
    (while sleep 2; do bench_load_sample during; done) >>"$BENCH_RUN/logs/load-$1.log" &
    BENCH_LOAD_SAMPLER=$!
}

bench_load_end() {
    kill "$BENCH_LOAD_SAMPLER" 2>/dev/null
    wait "$BENCH_LOAD_SAMPLER" 2>/dev/null || true # killed: its status is 143
    BENCH_LOAD_SAMPLER=""
    bench_tool load --results "$(results_file)" --phase "$BENCH_LOAD_PHASE" \
        --log "$BENCH_RUN/logs/load-$BENCH_LOAD_PHASE.log" --cores "$(nproc)" --own "$BENCH_LOAD_OWN"
}

# "<tag> <1-min load average> <threads runnable now>"
bench_load_sample() {
    local avg1 avg5 avg15 tasks rest
    read -r avg1 avg5 avg15 tasks rest </proc/loadavg
    echo "$1 $avg1 ${tasks%/*}"
}

bench_cover_done() { [[ $(compgen -G "$1.*" | wc -l) -ge $WRK_THREADS ]]; }

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
    bench_psql -c "insert into posts (id, title, body, author_id)
                   select nextval('post_ids'), 'bench post ' || g, 'benchmark', 'bench' from generate_series(1, $BENCH_POSTS) g" \
        -c "insert into naive_post_totals select id, 0, 0 from posts"

    local -a variants=(real naive noop)
    declare -A port=([real]=$BENCH_PORT_INGEST [naive]=$BENCH_PORT_NAIVE [noop]=$BENCH_PORT_NAIVE)
    declare -A prefix=([real]=/api/posts/ [naive]=/api/posts/ [noop]=/api/noop/posts/)
    local v round
    # Warm-up, the same for the three: every post rated once (the ingest API looks a post up in
    # PostgreSQL the first time it sees it and remembers it: the measured runs must find every post
    # known, as in a service that has run for a while), then load until the JIT has settled
    # (bench_warm_up); the cap counts from the first request.
    bench_say "Ingest: warm-up, each variant rates every post once, then load until its JIT has settled (not counted; ${WARMUP_S}-${WARMUP_MAX_S}s in all)"
    declare -A jvm=([real]=ingest-api [naive]=naive-api [noop]=naive-api)
    local naive_idle_since=0 started
    for v in "${variants[@]}"; do
        started=$SECONDS
        bench_wrk "cover_$v" "${port[$v]}" "$COVER_S" 0 0 "${prefix[$v]}" cover
        bench_warm_up "$v" "${port[$v]}" "${prefix[$v]}" "$(bench_pid "${jvm[$v]}")" "$started"
        [[ $v == naive ]] && naive_idle_since=$SECONDS
    done
    local covered
    covered=$(result cover_real_ok)
    ((covered >= BENCH_POSTS)) \
        || warn "the warm-up rated only $covered posts: the ingest API still looks some up"

    # its own: wrk's threads, a server thread per connection, Kafka, Redis and PostgreSQL
    bench_load_begin ingest $((WRK_THREADS + WRK_CONNECTIONS + 3))
    bench_say "Ingest: maximum rate, wrk ${WRK_THREADS} threads / ${WRK_CONNECTIONS} connections, ${MAX_S}s, $MAX_ROUNDS round(s), variants interleaved"
    local before after naive_end=0
    for ((round = 1; round <= MAX_ROUNDS; round++)); do
        for v in "${variants[@]}"; do
            if [[ $round == 1 && $v == naive ]]; then
                # Backends publish their statistics up to 10 s after their last transaction: the
                # naive API's warm-up must be in the counters before the measured run starts.
                sleep $((naive_idle_since + 11 - SECONDS > 0 ? naive_idle_since + 11 - SECONDS : 0))
                before=$(bench_pg_counters)
            fi
            bench_wrk "max_${v}_r$round" "${port[$v]}" "$MAX_S" 0 0 "${prefix[$v]}"
            if [[ $round == 1 && $v == naive ]]; then
                naive_end=$SECONDS
            elif [[ $round == 1 && $v == noop ]]; then
                # The naive run's database cost. Backends publish their statistics up to 10 s
                # after their last transaction; the no-op run in between touches no database.
                sleep $((naive_end + 11 - SECONDS > 0 ? naive_end + 11 - SECONDS : 0))
                after=$(bench_pg_counters)
                bench_db_cost db_naive "$before" "$after" "$(result max_naive_r1_ok)"
            fi
        done
    done
    # each variant's maximum, the ratios round by round and their medians, the paced targets
    bench_tool max-rounds --results "$(results_file)" --rounds "$MAX_ROUNDS"

    bench_say "Ingest: 80 % of ratings on 5 hot posts, maximum rate, ${MAX_S}s"
    for v in real naive; do bench_wrk "hot_$v" "${port[$v]}" "$MAX_S" 0 "$BENCH_HOT_SHARE" "${prefix[$v]}"; done

    bench_say "Ingest: latency at 70 % of each variant's maximum rate, ${PACED_S}s (paced by wrk's delay())"
    for v in "${variants[@]}"; do
        bench_wrk "paced_$v" "${port[$v]}" "$PACED_S" "$(result "paced_${v}_target")" 0 "${prefix[$v]}"
    done
    bench_load_end
    bench_stop naive-api

    bench_phase_freshness
    bench_stop ingest-api
    bench_kafka_stop
}

# bench_warm_up <variant> <port> <path prefix> <JVM pid> [started]: load (not counted) until WARMUP_S
# after started, then in slices of 4 s until the JVM's JIT compiler threads took under 5 % of its CPU
# in the last slice, or WARMUP_MAX_S after started. After a fixed 4 s, C2 was still compiling through
# the quick run's measured rounds: a quarter of the ingest API's CPU (profiled 2026-12-03), the real
# API measured cold against warm baselines, whose smaller code settles sooner.
bench_warm_up() {
    local v=$1 port=$2 prefix=$3 pid=$4 started=${5:-$SECONDS} share=100 jit0 all0 jit1 all1
    local slice=$((WARMUP_S - (SECONDS - started) > 4 ? WARMUP_S - (SECONDS - started) : 4))
    while :; do
        read -r jit0 all0 <<<"$(bench_jit_ticks "$pid")"
        bench_wrk "warmup_$v" "$port" "$slice" 0 0 "$prefix"
        read -r jit1 all1 <<<"$(bench_jit_ticks "$pid")"
        share=$(((jit1 - jit0) * 100 / (all1 - all0 > 0 ? all1 - all0 : 1)))
        ((share < 5 || SECONDS - started + 4 > WARMUP_MAX_S)) && break
        slice=4
    done
    res "warmup_${v}_s" $((SECONDS - started))
    res "warmup_${v}_jit_pct" "$share"
}

# "<JIT compiler threads' CPU ticks> <the whole process's>" of a JVM
bench_jit_ticks() {
    local task jit=0
    for task in /proc/"$1"/task/*; do
        [[ $(<"$task/comm") == C[12]\ CompilerThre* ]] && jit=$((jit + $(awk '{print $14 + $15}' "$task/stat" 2>/dev/null || echo 0)))
    done
    echo "$jit $(awk '{print $14 + $15}' /proc/"$1"/stat)"
}

bench_naive_tables_exist() { [[ $(bench_psql -c "select to_regclass('naive_post_totals') is not null") == t ]]; }

# bench_db_cost <label> <counters before> <counters after> <ratings accepted> [more options]
bench_db_cost() {
    bench_tool db-cost --results "$(results_file)" --label "$1" --before "$2" --after "$3" --ratings "$4" "${@:5}"
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
    rate=$(result live_target)
    window_s=${LIVE_WINDOW//[!0-9]/}
    before=$(bench_pg_counters)
    start_ms=$(($(now_us) / 1000))
    bench_load_begin freshness $((WRK_THREADS + WRK_CONNECTIONS + 5))
    bench_say "Freshness: ${LIVE_S}s of ratings at $rate/s (50 % of the real maximum) through the whole pipeline"
    bench_wrk live "$BENCH_PORT_INGEST" "$LIVE_S" "$rate" 0 /api/posts/
    end_ms=$(($(now_us) / 1000))
    # every window of the load closes within window + grace (10 s) + heartbeat; then the sink drains
    sleep $((window_s + 10 + 5))
    bench_tool await-consumed --bootstrap "$HOST:$BENCH_KAFKA_PORT" --group ratings-sink \
        --topic post-rating-windows --timeout-s 300 >"$BENCH_RUN/logs/drain-sink.log" || die "the sink did not drain"
    bench_load_end
    bench_stop sink
    bench_pg_settle
    after=$(bench_pg_counters)
    bench_db_cost db_live "$before" "$after" "$(result live_ok)"

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
    local windows
    windows=$(bench_psql -c "select count(distinct window_start) from post_rating_windows
        where window_start >= to_timestamp($start_ms / 1000.0) and window_start < to_timestamp($end_ms / 1000.0)")
    res fresh_windows "$windows"
    printf '    freshness over %s rows in %s windows: p50 %s s, p99 %s s, max %s s\n' "$n" "$windows" "$p50" "$p99" "$max"
    printf '    database, whole pipeline: %s transactions and %s rows per 1,000 ratings\n' \
        "$(result db_live_tx_per_1000)" "$(result db_live_rows_per_1000)"
    bench_stop stream-processor
    res rss_mb_stream_live "$(result rss_mb_stream_processor)"
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
    bench_tool consumer-perf --results "$(results_file)" --log "$BENCH_RUN/logs/consumer-perf.log"

    # its own: the stream thread, RocksDB's flushes and compactions, the clients' I/O threads, Kafka
    bench_load_begin stream 6
    bench_say "Stream: stream-processor (exactly_once_v2, RocksDB, fresh state) from start to all consumed"
    rm -rf "$BENCH_RUN/streams"
    bench_timed_consumer stream ratings-scores-g1 ratings \
        bench_service stream-processor stream-processor.jar "$BENCH_PORT_STREAM" ${BENCH_STREAM_ENV:-}
    # The last windows close by heartbeat once the log is read: wait for every result, so that the
    # database cost below is that of all the loaded ratings.
    res windows_expected "$(kv windows "$loaded")"
    wait_for 120 "$(bench_pid stream-processor)" bench_windows_closed "$(result windows_expected)" \
        || warn "the stream processor closed $(bench_windows_closed_count) of $(result windows_expected) windows"
    res windows_from_stream "$(bench_windows_closed_count)"
    # quick: it stays up, idle, for the recalculation below (a restart took a quarter of its time)
    bench_quick_replays || bench_stop stream-processor
    # informational (issue 12's target is against one store): the full run only, to keep quick in 8 min
    if [[ $BENCH_MODE == full ]]; then bench_streams_ceiling pass-through; fi
    bench_streams_ceiling one-store
    bench_load_end

    bench_say "Database cost, five-minute windows: the sink writes the stream processor's results"
    local before after
    before=$(bench_pg_counters)
    bench_timed_consumer sink_k ratings-sink post-rating-windows \
        bench_service sink sink.jar "$BENCH_PORT_SINK"
    bench_stop sink
    bench_pg_settle
    after=$(bench_pg_counters)
    bench_db_cost db_w5m "$before" "$after" "$STREAM_EVENTS"
    printf '    %s ratings → %s window results → %s transactions, %s rows per 1,000 ratings\n' "$STREAM_EVENTS" \
        "$(result windows_from_stream)" "$(result db_w5m_tx_per_1000)" "$(result db_w5m_rows_per_1000)"
    bench_quick_replays && bench_quick_replay

    bench_say "Sink: loading $SINK_RESULTS window results, then the sink from start to all written"
    # a day ahead: newer than every real window, so each result also moves its post's score
    local first_window_ms=$(((($(now_us) / 1000) / 300000 + 288) * 300000))
    # of the current generation: the quick run's replay has made it the second
    local generation
    generation=$(result replay_generation)
    line=$(bench_tool load-windows --bootstrap "$HOST:$BENCH_KAFKA_PORT" --count "$SINK_RESULTS" \
        --posts "$BENCH_POSTS" --first-window-ms "$first_window_ms" --generation "${generation:-1}")
    echo "    $line"
    before=$(bench_pg_counters)
    # its own: the listener and writer threads, Kafka, a PostgreSQL backend and its WAL writer
    bench_load_begin sink 5
    bench_timed_consumer sink ratings-sink post-rating-windows \
        bench_service sink sink.jar "$BENCH_PORT_SINK"
    bench_stop sink
    bench_pg_settle
    after=$(bench_pg_counters)
    # A result is a row of post_rating_windows and, being its post's newest, an update of post_scores:
    # rows/s counts both, as the ceiling counts every row it writes.
    bench_db_cost sink_run "$before" "$after" "$(result sink_new_records)" --rate-of sink_per_s --rows-per-s sink_rows_per_s
    echo "    sink: $(result sink_run_rows_per_1000) rows per 1,000 results → $(result sink_rows_per_s) rows/s"

    bench_say "Sink: server-side ceilings, pgbench: 1,000 rows of one table per transaction; the sink's two statements for 1,000 results"
    bench_pgbench_ceiling
    bench_load_end
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
    bench_load_begin decay_v2 6
    bench_timed_consumer stream_v2 bench-decay-v2-g1 ratings \
        bench_service stream-processor stream-processor.jar "$BENCH_PORT_STREAM" \
        RATINGS_ALGORITHM=decay-v2 RATINGS_STREAMS_APPLICATIONIDPREFIX=bench-decay-v2 ${BENCH_STREAM_ENV:-}
    wait_for 120 "$(bench_pid stream-processor)" bench_windows_closed "$(result windows_expected)" \
        || warn "under decay-v2 the stream processor closed $(bench_windows_closed_count) of $(result windows_expected) windows"
    res windows_from_stream_v2 "$(bench_windows_closed_count)"
    bench_load_end
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
    bench_tool windows-closed --url "http://$HOST:$((BENCH_PORT_STREAM + 1000))/actuator/prometheus"
}

bench_windows_closed() { (($(bench_windows_closed_count) >= $1)); }

# bench_timed_consumer <label> <group> <topic> <command that starts the consumer...>: fixes what
# the topic holds, starts the consumer, and times it until the group has committed all of it.
bench_timed_consumer() {
    local label=$1 group=$2 topic=$3 log
    shift 3
    log="$BENCH_RUN/logs/await-$label.log"
    bench_tool await-consumed --bootstrap "$HOST:$BENCH_KAFKA_PORT" --group "$group" --topic "$topic" \
        --timeout-s 1500 >"$log" 2>"$log.err" 9>&- &
    local watcher=$!
    wait_for 180 "$watcher" grep -q '^targets=' "$log" || die "await-consumed did not start; $log.err"
    local launched_ms
    launched_ms=$(($(now_us) / 1000))
    (bench_tool_exec cpu-sampler --pids "$PIDS") >"$BENCH_RUN/logs/cpu-$label.log" &
    local sampler=$!
    "$@"
    wait "$watcher" || die "$label: the group $group did not consume $topic in time; $log"
    kill "$sampler" 2>/dev/null
    wait "$sampler" 2>/dev/null || true # killed: its status is 143
    bench_tool timed-consumer --results "$(results_file)" --label "$label" --log "$log" \
        --launched-ms "$launched_ms" --samples "$BENCH_RUN/logs/cpu-$label.log"
}

# Two ceilings, one client each: the plain one (1,000 rows of one table per transaction) and the
# sink's own statements (1,000 window rows inserted and their posts' 1,000 score rows moved on).
bench_pgbench_ceiling() {
    bench_psql -c "create table bench_ceiling (like post_rating_windows including all)"
    bench_pgbench pgbench pgbench-ceiling.sql 1000
    bench_psql -c "truncate bench_ceiling" \
        -c "create table bench_ceiling_scores (like post_scores including all)" \
        -c "insert into bench_ceiling_scores (generation, post_id, window_start, window_end, ratings_in_window,
                new_raters, burst_weight, baseline, rating_count, rating_sum, raw_average, weighted_count, weighted_sum,
                target, score, algorithm, window_size_ms, decay_factor, prior_mean, prior_weight, burst_factor,
                burst_floor, baseline_smoothing)
            select 1, g, 'epoch', 'epoch', 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 'decay-v1', 300000, 0.5, 2.5, 0, 3, 10, 0.2
            from generate_series(1, 10000) g" \
        -c "vacuum analyze bench_ceiling_scores"
    bench_pgbench pgbench_sink pgbench-ceiling-sink.sql 2000
}

bench_pgbench() {
    local key=$1 script=$2 rows=$3 log="$BENCH_RUN/logs/$1.log"
    PGPASSWORD=$(pg_ratings_password) pgbench -h "$PG_HOST" -p "$PG_PORT" -U ratings -n -c 1 -T "$PGBENCH_S" -f "$ROOT/bench/$script" "$BENCH_DB" \
        >"$log" 2>&1 || die "pgbench failed; log: $log"
    bench_tool pgbench --results "$(results_file)" --log "$log" --key "$key" --rows-per-transaction "$rows"
}

# ---------------------------------------------------------------------------------------------
# Phase 3: recalculation, a replay of the whole history into a new generation
# ---------------------------------------------------------------------------------------------

# N ratings on a fresh broker; the stream processor and the sink start on them as generation 1 and
# are let catch up completely (every window closed and written), as a system that has been running;
# then a replay is requested as ./ratings replay does, and timed until the sink has promoted it.
# Generation 1 stays running, idle but for its heartbeats, as the live generation of a quiet
# system would. Its own catch-up on the same ratings is timed too: the replay's baseline.
bench_phase_replay() {
    bench_say "Recalculation: fresh broker; loading $REPLAY_EVENTS rating events"
    bench_kafka_start
    bench_psql -c "truncate post_rating_windows, post_scores, score_generations"
    local span_ms=$((REPLAY_EVENTS * 1000 / SIMULATED_RATE)) loaded
    loaded=$(bench_tool load-ratings --bootstrap "$HOST:$BENCH_KAFKA_PORT" --count "$REPLAY_EVENTS" \
        --posts "$BENCH_POSTS" --users "$BENCH_USERS" --span-ms "$span_ms" --end-ago-ms 60000)
    res replay_load_s "$(kv seconds "$loaded")"
    echo "    $loaded"

    bench_say "Recalculation: generation 1 (stream-processor and sink) catches up on them"
    rm -rf "$BENCH_RUN/streams"
    # BENCH_REPLAY_ENV="RATINGS_...=...": the stream processor's settings while tuning the replay
    bench_timed_consumer replay_g1 ratings-scores-g1 ratings \
        bench_replay_services ${BENCH_REPLAY_ENV:-}
    wait_for 300 "$(bench_pid stream-processor)" bench_windows_closed "$(kv windows "$loaded")" \
        || die "generation 1 closed $(bench_windows_closed_count) of $(kv windows "$loaded") windows"
    sleep 2 # the last windows' results are committed within a commit interval of their close
    bench_tool await-consumed --bootstrap "$HOST:$BENCH_KAFKA_PORT" --group ratings-sink \
        --topic post-rating-windows --timeout-s 600 >"$BENCH_RUN/logs/drain-sink-g1.log" \
        || die "the sink did not write generation 1"

    bench_replay_timed "$REPLAY_EVENTS"
    bench_stop sink
    bench_stop stream-processor
    bench_kafka_stop
}

# Quick mode's recalculation, on the stream phase's broker: its ratings, the stream processor's run
# on them (generation 1 from fresh state, the row's baseline) and the sink's writing of the results
# are already a caught-up system, so the replay needs no broker, load or catch-up of its own.
# Whether this run's recalculation is bench_quick_replay's, on the stream phase's processor.
bench_quick_replays() { [[ $BENCH_MODE == quick && -z ${BENCH_ONLY:-} ]]; }

bench_quick_replay() {
    bench_say "Recalculation: generation 1 (the stream phase's, still up) and the sink on its $STREAM_EVENTS ratings"
    res replay_g1_per_s "$(result stream_per_s)"
    bench_service sink sink.jar "$BENCH_PORT_SINK"
    bench_wait_healthy sink "$BENCH_PORT_SINK"
    bench_replay_timed "$STREAM_EVENTS"
    bench_stop sink
    bench_stop stream-processor
}

# bench_replay_timed <ratings in the log>: requests a replay as ./ratings replay does and times it
# until the sink has promoted it.
bench_replay_timed() {
    # its own: two stream threads (one idle), RocksDB, the clients' I/O, Kafka, the sink's two
    # threads and a PostgreSQL backend
    bench_load_begin replay 7
    bench_say "Recalculation: a replay into generation 2, from the request until the sink has promoted it"
    local log="$BENCH_RUN/logs/replay.log" samples="$BENCH_RUN/logs/cpu-replay.log"
    (bench_tool_exec cpu-sampler --pids "$PIDS") >"$samples" &
    local sampler=$!
    RATINGS_AUTH_JWTSECRET="$BENCH_SECRET" bench_tool replay-timer --host "$HOST" \
        --stream-port "$BENCH_PORT_STREAM" --sink-port "$BENCH_PORT_SINK" --timeout-s 1800 >"$log" 2>&1 \
        || die "the replay failed; log: $log"
    kill "$sampler" 2>/dev/null
    wait "$sampler" 2>/dev/null || true # killed: its status is 143
    bench_load_end
    bench_tool replay --results "$(results_file)" --log "$log" --samples "$samples" --ratings "$1"
}

bench_replay_services() {
    bench_service stream-processor stream-processor.jar "$BENCH_PORT_STREAM" "$@"
    bench_service sink sink.jar "$BENCH_PORT_SINK"
}

# ---------------------------------------------------------------------------------------------
# Phase 4: JMH
# ---------------------------------------------------------------------------------------------

bench_phase_jmh() {
    bench_say "JMH: decay-v1, decay-v2 and the JSON serde (${JMH_ARGS[*]})"
    local -a opts
    read -r -a opts <<<"$SERVICE_JAVA_OPTS"
    bench_load_begin jmh 2 # the benchmark's thread and JMH's own
    java -cp "$JMH_CP" org.openjdk.jmh.Main "${JMH_ARGS[@]}" -jvmArgs "${opts[*]}" \
        -rf csv -rff "$BENCH_RUN/jmh.csv" >"$BENCH_RUN/logs/jmh.log" 2>&1 \
        || die "JMH failed; log: $BENCH_RUN/logs/jmh.log"
    bench_load_end
    bench_tool jmh --results "$(results_file)" --csv "$BENCH_RUN/jmh.csv"
}
