#!/usr/bin/env bash
# Lightbox HTTP benchmark (README "Benchmarks").
#
# Starts the local stack (dev.lightbox.bench.BenchStack) and the packaged application in the production profile,
# configured through the production container's environment variables; seeds two users and their images through the
# API (dev.lightbox.bench.BenchSeed); warms up with every kind of request mixed; then runs wrk once per endpoint and
# prints req/s, p50/p99 latency, errors, and the CPU that the application and PostgreSQL spent per request, read from
# /proc, so that cost per request compares across machines; then the application's RSS after the load.
# Everything listens on 127.0.0.1, every run is bounded in time, and every process started here is stopped on exit.
set -euo pipefail

readonly ALL_ENDPOINTS="image,list20,list100,content,me,upload-start,upload-stream"
# Streamed uploads beyond lightbox.images.max-concurrent-uploads (default 8) per instance are answered 503, and, where
# the service has the setting, beyond lightbox.images.max-concurrent-uploads-per-user (default 4) per user 429.
readonly STREAMED_UPLOAD_CONNECTIONS=4
readonly SETTLE_SLICE_SECONDS=5

usage() {
  cat <<'EOF'
usage: src/bench/run.sh [options]
  --duration SECONDS   measured time per endpoint (default 10)
  --warmup SECONDS     warm-up with all endpoints mixed, before the first measurement (default 20)
  --settle SECONDS     most unmeasured load per endpoint before its measurement, in 5 s slices, until the app's CPU
                       per request of two slices in a row differs by less than 10 % (default 20; 0: none)
  --threads N          wrk threads (default 2)
  --connections N      wrk connections (default 32); streamed uploads use at most 4, the service's per-user limit
  --images N           images to seed through the API, half of them the reader's (default 200)
  --native PATH        run this native binary instead of target/quarkus-app/quarkus-run.jar
  --vm-opts "OPTS"     options for the JVM, or for the native binary (-Xmx...); default none, like the image today
  --endpoints LIST     comma-separated subset of image,list20,list100,content,me,upload-start,upload-stream
Build first: ./mvnw -B -ntp package -DskipTests
EOF
}

fail() {
  echo "run.sh: $*" >&2
  exit 1
}

duration=10 warmup=20 settle=20 threads=2 connections=32 images=200 native="" vm_opts="" endpoints=$ALL_ENDPOINTS
while (($# > 0)); do
  [[ $1 == -h || $1 == --help ]] && { usage; exit 0; }
  (($# >= 2)) || fail "$1 needs a value (see --help)"
  case $1 in
    --duration) duration=$2 ;;
    --warmup) warmup=$2 ;;
    --settle) settle=$2 ;;
    --threads) threads=$2 ;;
    --connections) connections=$2 ;;
    --images) images=$2 ;;
    --native) native=$2 ;;
    --vm-opts) vm_opts=$2 ;;
    --endpoints) endpoints=$2 ;;
    *) usage >&2; exit 2 ;;
  esac
  shift 2
done
for number in "$duration" "$warmup" "$settle" "$threads" "$connections" "$images"; do
  [[ $number =~ ^[0-9]+$ ]] || fail "not a whole number: $number"
done
((duration > 0 && threads > 0 && connections >= threads && images >= 2)) \
  || fail "need duration > 0, connections >= threads > 0, images >= 2"
IFS=, read -ra selected <<< "$endpoints"
for endpoint in "${selected[@]}"; do
  [[ ,$ALL_ENDPOINTS, == *",$endpoint,"* ]] || fail "unknown endpoint: $endpoint"
done

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$root"
command -v wrk > /dev/null || fail "wrk is missing (Debian: apt-get install wrk)"
command -v curl > /dev/null || fail "curl is missing"
read -ra vm_options <<< "$vm_opts"
if [[ -n $native ]]; then
  [[ -x $native ]] || fail "not an executable: $native"
  native=$(realpath "$native")
  app_command=("$native" "${vm_options[@]}")
else
  [[ -f target/quarkus-app/quarkus-run.jar ]] || fail "no target/quarkus-app/quarkus-run.jar: ./mvnw -B -ntp package -DskipTests"
  app_command=(java "${vm_options[@]}" -jar target/quarkus-app/quarkus-run.jar)
fi
[[ -f target/test-classes/dev/lightbox/bench/BenchStack.class && -d target/local-stack-classes ]] \
  || fail "no compiled benchmark classes: ./mvnw -B -ntp package -DskipTests"
classpath_file=target/bench-classpath.txt
if [[ ! -s $classpath_file || pom.xml -nt $classpath_file ]]; then
  ./mvnw -B -ntp -q dependency:build-classpath -Dmdep.outputFile="$classpath_file" -Dmdep.includeScope=test
fi
classpath="target/test-classes:target/classes:target/local-stack-classes:$(cat "$classpath_file")"

out="target/bench/run-$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$out"

app_pid="" stack_pid=""
# TERM, then KILL if the process is still there after the given seconds. Background children are reaped by bash, so
# kill -0 fails as soon as the process has exited.
stop_process() {
  local pid=$1 seconds=$2 tenth
  [[ -n $pid ]] && kill -0 "$pid" 2> /dev/null || return 0
  kill -TERM "$pid" 2> /dev/null || return 0
  for ((tenth = 0; tenth < seconds * 10; tenth++)); do
    kill -0 "$pid" 2> /dev/null || return 0
    sleep 0.1
  done
  kill -KILL "$pid" 2> /dev/null || true
}
# The stack's JVM stops PostgreSQL, S3Proxy and the emulator from its shutdown hook: give it time to.
cleanup() {
  stop_process "$app_pid" 20
  stop_process "$stack_pid" 60
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Bounds the stack even if this script is killed without its trap: start-up, seeding and every run, with margin.
stack_lifetime=$((900 + warmup + ${#selected[@]} * (duration + settle + 10)))
java -Djava.util.logging.manager=org.jboss.logmanager.LogManager -cp "$classpath" \
  dev.lightbox.bench.BenchStack "$out/stack.env" "$stack_lifetime" > "$out/stack.log" 2>&1 &
stack_pid=$!
echo "starting the local stack (log: $out/stack.log)"
# The first start on a machine runs npm ci for the Cognito emulator: allow for it.
for ((second = 0; second < 420; second++)); do
  [[ -f $out/stack.env ]] && break
  kill -0 "$stack_pid" 2> /dev/null || fail "the local stack did not start, see $out/stack.log"
  sleep 1
done
[[ -f $out/stack.env ]] || fail "the local stack was not ready within 420 s"
# shellcheck source=/dev/null
source "$out/stack.env"
base_url="http://127.0.0.1:$QUARKUS_HTTP_PORT"
# Health is on the management interface where the application has one, else on the public port.
is_ready() {
  curl -fs -o /dev/null "http://127.0.0.1:$LIGHTBOX_MANAGEMENT_PORT/q/health/ready" \
    || curl -fs -o /dev/null "$base_url/q/health/ready"
}

echo "migrating (QUARKUS_INIT_AND_EXIT=true)"
QUARKUS_INIT_AND_EXIT=true timeout 300 "${app_command[@]}" > "$out/migrate.log" 2>&1 \
  || fail "the migration run failed, see $out/migrate.log"

launched_ns=$(date +%s%N)
"${app_command[@]}" > "$out/app.log" 2>&1 &
app_pid=$!
for ((tenth = 0; tenth < 1200; tenth++)); do
  is_ready && break
  kill -0 "$app_pid" 2> /dev/null || fail "the application exited, see $out/app.log"
  sleep 0.1
done
is_ready || fail "the application was not ready within 120 s, see $out/app.log"
ready_ms=$((($(date +%s%N) - launched_ns) / 1000000))

echo "seeding $images images through the API"
timeout 600 java -cp "$classpath" dev.lightbox.bench.BenchSeed "$base_url" "$LIGHTBOX_COGNITO_ENDPOINT" "$images" "$out/data" \
  > "$out/seed.log" 2>&1 || fail "seeding failed, see $out/seed.log"

db_pid=$(pgrep -f -- "/bin/postgres -D [^ ]* -p $LIGHTBOX_DB_PORT ") || fail "no PostgreSQL postmaster on port $LIGHTBOX_DB_PORT"
[[ $db_pid =~ ^[0-9]+$ ]] || fail "more than one postmaster on port $LIGHTBOX_DB_PORT: $db_pid"
clock_ticks=$(getconf CLK_TCK)

# utime+stime of one process in clock ticks, plus cutime+cstime (its reaped children) when asked. proc(5) numbers the
# fields from 1; the command name (field 2) may hold spaces, so count after its closing ")": field 14 is index 11.
process_ticks() {
  local stat fields
  stat=$(cat "/proc/$1/stat" 2> /dev/null) || { echo 0; return; }
  read -ra fields <<< "${stat##*) }"
  if [[ ${2:-} == with-reaped-children ]]; then
    echo $((fields[11] + fields[12] + fields[13] + fields[14]))
  else
    echo $((fields[11] + fields[12]))
  fi
}

# PostgreSQL is the postmaster and one process per connection or background worker, all its direct children.
database_ticks() {
  local total child
  total=$(process_ticks "$db_pid" with-reaped-children)
  for child in $(pgrep -P "$db_pid"); do
    total=$((total + $(process_ticks "$child")))
  done
  echo "$total"
}

# Runs wrk on one endpoint; sets result_* from the script's BENCH-RESULT line and the CPU deltas in clock ticks.
run_wrk() {
  local endpoint=$1 seconds=$2 wrk_connections=$3 wrk_threads app_before db_before line field
  wrk_threads=$((threads < wrk_connections ? threads : wrk_connections))
  app_before=$(process_ticks "$app_pid")
  db_before=$(database_ticks)
  line=$(BENCH_DATA="$out/data" BENCH_ENDPOINT=$endpoint wrk -t"$wrk_threads" -c"$wrk_connections" -d"$seconds"s \
    --timeout 5s -s src/bench/lua/lightbox.lua "$base_url" | tee -a "$out/wrk.log" | grep '^BENCH-RESULT ') \
    || fail "wrk failed on $endpoint, see $out/wrk.log"
  result_app_ticks=$(($(process_ticks "$app_pid") - app_before))
  result_db_ticks=$(($(database_ticks) - db_before))
  for field in ${line#BENCH-RESULT }; do
    case ${field%%=*} in
      requests) result_requests=${field#*=} ;;
      duration_us) result_duration_us=${field#*=} ;;
      status_errors) result_status_errors=${field#*=} ;;
      socket_errors) result_socket_errors=${field#*=} ;;
      p50_us) result_p50_us=${field#*=} ;;
      p99_us) result_p99_us=${field#*=} ;;
    esac
  done
}

# The app's CPU per request of the last run_wrk, in µs.
app_cpu_per_request() {
  echo $((result_app_ticks * 1000000 / clock_ticks / (result_requests > 0 ? result_requests : 1)))
}

# Unmeasured load on one endpoint until its cost per request stops falling: the mixed warm-up compiles the shared
# paths, but on a busy machine it gets little CPU, and each endpoint's own path still speeds up for a while.
# Sets settled_label for the table: the seconds it took, or that it did not settle within --settle.
settle_endpoint() {
  local endpoint=$1 wrk_connections=$2 slice previous=0 current seconds=0
  settled_label="off"
  for ((slice = 0; slice < settle / SETTLE_SLICE_SECONDS; slice++)); do
    run_wrk "$endpoint" "$SETTLE_SLICE_SECONDS" "$wrk_connections"
    seconds=$((seconds + SETTLE_SLICE_SECONDS))
    current=$(app_cpu_per_request)
    if ((previous > 0 && (current - previous) * 10 < previous && (previous - current) * 10 < previous)); then
      settled_label="$seconds s"
      return
    fi
    previous=$current
    settled_label="not in $seconds s"
  done
}

describe() {
  case $1 in
    image) echo 'GET /api/images/{id}' ;;
    list20) echo 'GET /api/images?limit=20' ;;
    list100) echo 'GET /api/images?limit=100' ;;
    content) echo 'GET /api/images/{id}/content (302)' ;;
    me) echo 'GET /api/users/me' ;;
    upload-start) echo 'POST /api/images/uploads (presigned PUT)' ;;
    upload-stream) echo "POST /api/images (streamed, $(stat -c %s "$out/data/upload-form.body") B form)" ;;
  esac
}

{
  commit=$(git rev-parse --short HEAD 2> /dev/null || echo unknown)
  git diff --quiet HEAD -- src pom.xml 2> /dev/null || commit+=" (modified)"
  echo "Lightbox benchmark, $(date -u +%Y-%m-%dT%H:%M:%SZ), commit $commit"
  echo "machine: $(nproc) CPUs, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1), $(free -h | awk '/^Mem:/ {print $2}') RAM"
  if [[ -n $native ]]; then
    echo "application: native $native, options: ${vm_opts:-none}, ready after $ready_ms ms"
  else
    echo "application: $(java -version 2>&1 | head -1), JVM options: ${vm_opts:-none}, ready after $ready_ms ms"
  fi
  echo "load: wrk -t$threads -c$connections, $images images seeded, ${warmup} s warm-up (all endpoints mixed)," \
    "up to ${settle} s more per endpoint until settled, ${duration} s measured per endpoint"
} | tee "$out/results.md"

if ((warmup > 0)); then
  run_wrk warmup "$warmup" "$connections"
  echo "warm-up: $result_requests requests, $((result_status_errors + result_socket_errors)) errors" | tee -a "$out/results.md"
fi

{
  echo
  echo "| request | conns | settled after | req/s | p50 ms | p99 ms | errors | app CPU µs/req | DB CPU µs/req | load avg 1 min |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
} | tee -a "$out/results.md"
for endpoint in "${selected[@]}"; do
  endpoint_connections=$connections
  if [[ $endpoint == upload-stream ]]; then
    endpoint_connections=$((connections < STREAMED_UPLOAD_CONNECTIONS ? connections : STREAMED_UPLOAD_CONNECTIONS))
  fi
  settle_endpoint "$endpoint" "$endpoint_connections"
  run_wrk "$endpoint" "$duration" "$endpoint_connections"
  load=$(cut -d' ' -f1 /proc/loadavg)
  awk -v request="$(describe "$endpoint")" -v conns="$endpoint_connections" -v n="$result_requests" \
    -v us="$result_duration_us" -v status="$result_status_errors" -v socket="$result_socket_errors" \
    -v p50="$result_p50_us" -v p99="$result_p99_us" -v app="$result_app_ticks" -v db="$result_db_ticks" \
    -v tick_us="$((1000000 / clock_ticks))" -v load="$load" \
    -v settled="$settled_label" 'BEGIN {
      errors = socket > 0 ? sprintf("%d (+%d socket)", status, socket) : status
      per = n > 0 ? tick_us / n : 0
      printf "| `%s` | %d | %s | %.0f | %.2f | %.2f | %s | %.0f | %.0f | %s |\n",
        request, conns, settled, n / (us / 1e6), p50 / 1000, p99 / 1000, errors, app * per, db * per, load
    }' | tee -a "$out/results.md"
done

echo | tee -a "$out/results.md"
echo "application RSS after load: $(awk '/^VmRSS:/ {printf "%.0f MB", $2 / 1024}' "/proc/$app_pid/status")" \
  "(peak $(awk '/^VmHWM:/ {printf "%.0f MB", $2 / 1024}' "/proc/$app_pid/status"))" | tee -a "$out/results.md"
echo "results and logs: $out"
