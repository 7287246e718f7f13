-- wrk script of ./ratings bench: POSTs ratings with valid JWTs to <prefix><post>/rate.
--
-- Arguments (after --): <tokens file> <posts> <hot share> [path prefix] [cover]
--   tokens file  one HS256 JWT per line (one user each); each request takes a random one
--   posts        post ids are 1..posts
--   hot share    share of requests that go to posts 1..5 (0 = uniform)
--   path prefix  default /api/posts/
--   cover        "cover": post ids in turn instead of at random, each thread stopping once it has
--                had an answer for each of its share (and creating $BENCH_COVER_MARKER.<thread>),
--                so that a warm-up touches every post (the ingest API remembers the posts it has
--                seen); -d bounds it
-- Environment: BENCH_RATE > 0 paces the run at that many requests per second in total (below).
--
-- Pacing. Debian's wrk has no constant-rate mode (that is wrk2), so it is approximated with
-- wrk's delay() hook, called before every request: each thread hands out send slots on a fixed
-- schedule of rate/threads per second, and a connection ready to send waits for the next slot
-- (no wait when the slot is already past, so after a stall the thread catches up to the
-- schedule). wrk measures latency from the moment a request is written, so a request delayed by a
-- stall of the server is not charged the time it should already have been sent (coordinated
-- omission): p99 under pacing is the service time seen by requests sent on time or late, a lower
-- bound when the server stalls. The script reports the achieved rate so the caller can check
-- that the schedule was kept.

local ffi = require("ffi")
ffi.cdef [[
  typedef struct { long tv_sec; long tv_nsec; } bench_timespec;
  int clock_gettime(int clock_id, bench_timespec *tp);
]]
local CLOCK_MONOTONIC = 1
local clock = ffi.new("bench_timespec")

local function now_ms()
  ffi.C.clock_gettime(CLOCK_MONOTONIC, clock)
  return tonumber(clock.tv_sec) * 1000 + tonumber(clock.tv_nsec) / 1e6
end

local threads = {}
local thread_count = 0

function setup(thread)
  thread_count = thread_count + 1
  thread:set("thread_id", thread_count)
  table.insert(threads, thread)
end

local tokens = {}
local posts, hot_share, prefix, cover
local sent = 0
statuses = {}

function init(args)
  for line in io.lines(args[1]) do
    tokens[#tokens + 1] = line
  end
  posts = tonumber(args[2])
  hot_share = tonumber(args[3])
  prefix = args[4] or "/api/posts/"
  cover = args[5] == "cover"
  math.randomseed(os.time() * 100 + (thread_id or 0))
  thread_count_total = tonumber(os.getenv("BENCH_THREADS"))
  local rate = tonumber(os.getenv("BENCH_RATE") or "0")
  if rate > 0 then
    interval_ms = 1000 / (rate / tonumber(os.getenv("BENCH_THREADS")))
  end
end

local headers = { ["Content-Type"] = "application/json" }

function request()
  local post
  if cover then
    post = (sent * thread_count_total + thread_id - 1) % posts + 1
    sent = sent + 1
  elseif hot_share > 0 and math.random() < hot_share then
    post = math.random(1, 5)
  else
    post = math.random(1, posts)
  end
  headers["Authorization"] = "Bearer " .. tokens[math.random(1, #tokens)]
  return wrk.format("POST", prefix .. post .. "/rate", headers, '{"rating":' .. math.random(0, 5) .. "}")
end

local answered = 0
local finished = false

function response(status)
  statuses[status] = (statuses[status] or 0) + 1
  if cover then
    answered = answered + 1
    if answered * thread_count_total >= posts and not finished then
      -- wrk's main thread sleeps for the whole -d: tell the caller, which interrupts wrk
      finished = true
      local marker = io.open(os.getenv("BENCH_COVER_MARKER") .. "." .. thread_id, "w")
      marker:close()
      wrk.thread:stop()
    end
  end
end

-- Defined only when pacing: wrk switches to per-request delays when the script has delay().
if tonumber(os.getenv("BENCH_RATE") or "0") > 0 then
  local next_slot
  function delay()
    local now = now_ms()
    if next_slot == nil then
      next_slot = now
    end
    local wait = next_slot - now
    next_slot = next_slot + interval_ms
    if wait <= 0 then
      return 0
    end
    return math.floor(wait)
  end
end

-- One machine-readable line for ./ratings bench.
function done(summary, latency, requests)
  local merged = {}
  for _, thread in ipairs(threads) do
    local counts = thread:get("statuses")
    for status, count in pairs(counts) do
      merged[status] = (merged[status] or 0) + count
    end
  end
  local parts = {}
  for status, count in pairs(merged) do
    parts[#parts + 1] = status .. ":" .. count
  end
  table.sort(parts)
  local errors = summary.errors
  io.write(string.format(
    "BENCH requests=%d duration_us=%d ok=%d p50_us=%d p90_us=%d p99_us=%d max_us=%d "
      .. "errors_connect=%d errors_read=%d errors_write=%d errors_timeout=%d statuses=%s\n",
    summary.requests, summary.duration, merged[202] or 0,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max,
    errors.connect, errors.read, errors.write, errors.timeout, table.concat(parts, ",")))
end
