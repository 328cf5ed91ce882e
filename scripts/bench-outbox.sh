#!/usr/bin/env bash
# The outbox benchmark (issue 4, item 5): sending throughput of `jobgate invite
# --job ID --all --yes`, end to end (SQLite, outbox, SMTP), measured in one run
# beside its references:
#   a.  1,000 invitations to Postfix's smtp-sink on loopback (plain SMTP);
#   b.  the same through a proxy adding 50 ms of round trip, next to Postfix's
#       smtp-source (-d: connections reused) with the same number of
#       connections, directly and through the proxy (the client ceiling);
#   c.  STARTTLS + AUTH through the proxy to tests/support/smtp_server.py
#       (aiosmtpd), next to one new connection per email (the seed's send_mail
#       design: tests/src/bin/bench_one_connection_per_email.rs).
# It installs what it needs (postfix for smtp-sink/smtp-source, python3-aiosmtpd,
# openssl), builds the release binaries and prints a Markdown table for
# BENCHMARKS.md. Everything listens on 127.0.0.1 and is stopped on exit.
#
#   ./scripts/bench-outbox.sh [--messages 1000] [--baseline-messages 100]
#                             [--connections 4] [--delay-ms 25] [--diagnose]
#                             [--no-build] [--keep]
#
# --delay-ms is one way (25 = 50 ms round trip). --diagnose adds runs of a.
# that take one suspect away each: the data folder on tmpfs (fsync is free)
# and TCP_NODELAY forced on jobgate's sockets by an LD_PRELOAD shim (needs cc).
# --keep leaves the work folder (data folders, logs, maildir) for a look
# afterwards. Takes about 6 minutes once built (runs through the proxy are
# bounded by the round trip).
source "$(dirname "$0")/lib.sh"

messages=1000
baseline_messages=100
connections=4
delay_ms=25
build=1
keep=0
diagnose=0
while [ $# -gt 0 ]; do
  case "$1" in
    --messages) messages=$2; shift 2 ;;
    --baseline-messages) baseline_messages=$2; shift 2 ;;
    --connections) connections=$2; shift 2 ;;
    --delay-ms) delay_ms=$2; shift 2 ;;
    --diagnose) diagnose=1; shift ;;
    --no-build) build=0; shift ;;
    --keep) keep=1; shift ;;
    -h|--help) sed -n '2,25p' "$0"; exit 0 ;;
    *) echo "unknown option: $1 (see --help)" >&2; exit 2 ;;
  esac
done
for n in "$messages" "$baseline_messages" "$connections" "$delay_ms"; do
  [[ "$n" =~ ^[0-9]+$ ]] || { echo "numbers only: $n" >&2; exit 2; }
done
[ "$messages" -ge 1 ] && [ "$baseline_messages" -ge 1 ] && [ "$connections" -ge 1 ] ||
  { echo "--messages, --baseline-messages and --connections must be at least 1" >&2; exit 2; }

export LC_ALL=C.UTF-8 # a decimal point in awk's output, whatever the locale

# ---------------------------------------------------------------------------
# What it needs.

if ! dpkg-query -W -f='${Status}' postfix 2>/dev/null | grep -q "install ok installed"; then
  # "No configuration": the package only for its smtp-sink and smtp-source; no
  # mail system is set up and nothing listens on port 25.
  echo "postfix postfix/main_mailer_type select No configuration" | as_root debconf-set-selections
fi
apt_install "${BUILD_PACKAGES[@]}" postfix python3-aiosmtpd openssl
ensure_rust

cd "$ROOT"
if [ "$build" -eq 1 ]; then
  echo "==> cargo build --release -p jobgate -p jobgate-tests --bins"
  cargo build --release --locked -p jobgate -p jobgate-tests --bins
fi
target="${CARGO_TARGET_DIR:-$ROOT/target}/release"
JOBGATE="$target/jobgate"
PROXY="$target/latency_proxy"
BASELINE="$target/bench_one_connection_per_email"
SINK=/usr/sbin/smtp-sink
SOURCE=/usr/sbin/smtp-source
for bin in "$JOBGATE" "$PROXY" "$BASELINE" "$SINK" "$SOURCE"; do
  [ -x "$bin" ] || { echo "missing: $bin" >&2; exit 1; }
done
"$JOBGATE" invite --help 2>/dev/null | grep -q -- '--job' ||
  { echo "this jobgate has no 'invite --job ID --all': nothing to measure" >&2; exit 1; }

# ---------------------------------------------------------------------------
# Work folder, background processes, clean-up.

work="$(mktemp -d /tmp/jobgate-bench.XXXXXX)"
shm_work=""
pids=()
cleanup() {
  local pid
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do
    for _ in $(seq 30); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
  done
  if [ -n "$shm_work" ]; then rm -rf "$shm_work"; fi
  if [ "$keep" -eq 1 ]; then echo "work folder kept: $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

die() { echo "bench-outbox: $*" >&2; exit 1; }

free_port() {
  /usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

# Waits (at most 10 s) until FILE holds "READY <port>", then prints the port.
wait_ready() {
  local file=$1 pid=$2 port
  for _ in $(seq 100); do
    port=$(awk '$1 == "READY" { print $2; exit }' "$file" 2>/dev/null)
    if [ -n "$port" ]; then echo "$port"; return 0; fi
    kill -0 "$pid" 2>/dev/null || die "$(basename "$file" .out) exited before READY (see ${file%.out}.err)"
    sleep 0.1
  done
  die "$(basename "$file" .out) printed no READY line within 10 s"
}

# Waits (at most 10 s) until something accepts connections on 127.0.0.1:PORT.
wait_port() {
  for _ in $(seq 100); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; then return 0; fi
    sleep 0.1
  done
  die "nothing listens on 127.0.0.1:$1 after 10 s"
}

# smtp-sink on loopback, counting what it receives (-c); sets $sink_port.
# (Not called in $(...): the pid must reach `pids` for the clean-up.)
start_sink() {
  local name=$1 user=()
  sink_port=$(free_port)
  [ "$(id -u)" -eq 0 ] && user=(-u nobody) # as root it must drop privileges
  "$SINK" "${user[@]}" -c "127.0.0.1:$sink_port" 1024 >"$work/$name.out" 2>"$work/$name.err" &
  pids+=($!)
  wait_port "$sink_port"
}

# The number of messages smtp-sink has received (its last -c counter line).
sink_messages() {
  tr '\r' '\n' <"$work/$1.out" | awk -F'mesg=' 'NF > 1 { n = $2 + 0 } END { print n + 0 }'
}

# The latency proxy in front of 127.0.0.1:UPSTREAM; sets $proxy_port.
start_proxy() {
  local name=$1 upstream=$2
  # --connect-delay-ms: the TCP handshake of a real path (see latency_proxy.rs).
  "$PROXY" --upstream "$upstream" --delay-ms "$delay_ms" --connect-delay-ms $((3 * delay_ms)) \
    >"$work/$name.out" 2>"$work/$name.err" &
  pids+=($!)
  proxy_port=$(wait_ready "$work/$name.out" $!)
}

KEY="SG.bench-not-a-real-key-0123456789"
FROM_ADDR="recrutement@acme.fr"

# jobgate on one data folder, the key from the environment, no keyring.
jg() {
  env -u DEFAULT_FROM_EMAIL -u FRONTEND_BASE_URL JOBGATE_DATA_DIR="$data" SENDGRID_API_KEY="$KEY" \
    DBUS_SESSION_BUS_ADDRESS="unix:path=/nonexistent/jobgate-bench-bus" TZ=Europe/Paris \
    "$JOBGATE" "$@"
}

# A fresh data folder (under BASE, default the work folder) with COUNT
# applications for one job offer, pointed at 127.0.0.1:PORT with SECURITY;
# prints nothing, sets $data and $job.
prepare() {
  local name=$1 count=$2 port=$3 security=$4 base=${5:-$work}
  data="$base/$name-data"
  mkdir -p "$data"
  /usr/bin/python3 - "$count" >"$work/$name.csv" <<'EOF'
import sys
print("job_title,candidate_name,email")
for i in range(1, int(sys.argv[1]) + 1):
    print(f"Développeur Full Stack,Candidat {i:05d},candidat{i:05d}@example.com")
EOF
  jg import "$work/$name.csv" >"$work/$name-import.log" 2>&1 || die "import failed: $(cat "$work/$name-import.log")"
  job=$(jg list --json | /usr/bin/python3 -c 'import json,sys; print(sorted({r["job_id"] for r in json.load(sys.stdin)})[0])')
  local setting
  for setting in "smtp_host=127.0.0.1" "smtp_port=$port" "smtp_security=$security" \
    "smtp_connections=$connections" "rate_limit_per_minute=0" "daily_quota=0" \
    "smtp_timeout_seconds=30" "from=Acme Recrutement <$FROM_ADDR>"; do
    jg config set "${setting%%=*}" "${setting#*=}" >/dev/null 2>"$work/$name-config.err" ||
      die "config set $setting: $(cat "$work/$name-config.err")"
  done
  if [ "$security" != plain ]; then
    jg config set smtp_ca_file "$certs/ca.pem" >/dev/null || die "config set smtp_ca_file"
  fi
}

# Runs `invite --job ID --all --yes` (the only part timed) and checks that
# every email is `sent`. Sets $secs, $cpu (user+sys seconds of jobgate).
# Extra environment for jobgate (the diagnosis's LD_PRELOAD) in $invite_env.
invite_env=()
invite_all() {
  local name=$1 count=$2 rc
  local TIMEFORMAT='%3R %3U %3S'
  set +e
  { time timeout 900 env -u DEFAULT_FROM_EMAIL -u FRONTEND_BASE_URL "${invite_env[@]}" JOBGATE_DATA_DIR="$data" \
      SENDGRID_API_KEY="$KEY" DBUS_SESSION_BUS_ADDRESS="unix:path=/nonexistent/jobgate-bench-bus" \
      TZ=Europe/Paris "$JOBGATE" invite --job "$job" --all --yes >"$work/$name-invite.log" 2>&1; } \
    2>"$work/$name-time"
  rc=$?
  set -e
  [ "$rc" -eq 0 ] || die "invite --job $job --all --yes exited $rc (see $work/$name-invite.log): $(tail -3 "$work/$name-invite.log")"
  read -r secs user sys <"$work/$name-time"
  cpu=$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }')
  local sent
  sent=$(jg outbox --json --limit 1000000 | /usr/bin/python3 -c 'import json,sys; print(sum(1 for r in json.load(sys.stdin) if r["state"] == "sent"))')
  [ "$sent" -eq "$count" ] || die "$name: $sent of $count outbox rows are sent (see $work/$name-invite.log)"
}

# Postfix's smtp-source: COUNT messages over $connections reused connections
# (-d), each the captured invitation. Sets $secs.
source_run() {
  local name=$1 port=$2 count=$3 start end
  start=$(date +%s%N)
  timeout 900 "$SOURCE" -d -s "$connections" -m "$count" -M localhost -f "$FROM_ADDR" \
    -t candidat@example.com -F "$work/invitation.lf" "127.0.0.1:$port" >"$work/$name.log" 2>&1 ||
    die "smtp-source failed: $(tail -3 "$work/$name.log")"
  end=$(date +%s%N)
  secs=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.3f", (b - a) / 1e9 }')
}

cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }

rate() { awk -v n="$1" -v s="$2" 'BEGIN { printf "%.1f", n / s }'; }

rows=()
row() { rows+=("$(printf '| %s | %s | %s | %s | %s | %s |' "$@")"); }

# ---------------------------------------------------------------------------
# Machine.

cpu_model=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)
commit=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)
# Only what goes into the jobgate binary counts as "uncommitted" here.
git -C "$ROOT" diff --quiet HEAD -- src-tauri ui Cargo.toml Cargo.lock 2>/dev/null ||
  commit="$commit + uncommitted changes to jobgate"
# What one SQLite commit costs on the disk holding the data folders: WAL,
# synchronous=FULL (JobGate's settings), 200 one-row transactions.
commit_ms=$(/usr/bin/python3 - "$work" <<'EOF'
import os, sqlite3, sys, time
path = os.path.join(sys.argv[1], "probe.sqlite3")
db = sqlite3.connect(path, isolation_level=None)
db.execute("pragma journal_mode=wal"); db.execute("pragma synchronous=full")
db.execute("create table t(id integer primary key, v text)")
db.execute("insert into t values (1, '')")
start = time.perf_counter()
for i in range(200):
    db.execute("begin immediate"); db.execute("update t set v=? where id=1", (str(i),)); db.execute("commit")
print(f"{(time.perf_counter() - start) / 200 * 1000:.2f}")
EOF
)
echo
echo "Machine: $(nproc) CPUs, $cpu_model; Linux $(uname -r); $(. /etc/os-release && echo "$PRETTY_NAME")"
echo "Date: $(date -u '+%Y-%m-%d %H:%M UTC'); jobgate commit $commit; load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "SQLite commit (WAL, synchronous=FULL) on $(df --output=target "$work" | tail -1): ${commit_ms} ms"
echo "Settings: $messages invitations, smtp_connections $connections, proxy ${delay_ms} ms each way" \
  "($((2 * delay_ms)) ms round trip), baseline $baseline_messages messages"
echo

# ---------------------------------------------------------------------------
# The SMTP server for c., and a real invitation captured from it: smtp-source
# and the baseline send these very bytes.

certs="$work/certs"
bash "$ROOT/tests/support/make_certs.sh" "$certs"
maildir="$work/maildir"
/usr/bin/python3 "$ROOT/tests/support/smtp_server.py" --port 0 \
  --cert "$certs/leaf.pem" --key "$certs/leaf.key" --require-starttls \
  --user apikey --password "$KEY" --maildir "$maildir" >"$work/aiosmtpd.out" 2>"$work/aiosmtpd.err" &
aiosmtpd_pid=$!
pids+=("$aiosmtpd_pid")
aiosmtpd_port=$(wait_ready "$work/aiosmtpd.out" "$aiosmtpd_pid")

echo "==> capturing one invitation (STARTTLS + AUTH, no proxy)"
prepare sample 1 "$aiosmtpd_port" starttls
invite_all sample 1
cp "$maildir/1.eml" "$work/invitation.eml"
# smtp-source -F adds CRLF to each line itself.
sed 's/\r$//' "$work/invitation.eml" >"$work/invitation.lf"
size=$(wc -c <"$work/invitation.eml")
echo "    invitation: $size bytes"

# ---------------------------------------------------------------------------
# a. and b.: smtp-sink, directly and through the proxy.

start_sink sink
start_proxy proxy-sink "$sink_port"
proxy_sink_port=$proxy_port

echo "==> a. jobgate, $messages invitations -> smtp-sink (loopback, plain)"
prepare a "$messages" "$sink_port" plain
before=$(sink_messages sink)
invite_all a "$messages"
got=$(($(sink_messages sink) - before))
[ "$got" -eq "$messages" ] || die "smtp-sink received $got messages, not $messages"
a_rate=$(rate "$messages" "$secs")
row "a" "jobgate → smtp-sink, loopback, plain" "$connections" "$messages" "$secs" "**$a_rate** (jobgate CPU ${cpu} s)"

if [ "$diagnose" -eq 1 ]; then
  # What limits a.? Take the suspects away one at a time: fsync (a data folder
  # on tmpfs, where fsync costs nothing) and Nagle's algorithm (TCP_NODELAY set
  # on every socket jobgate connects, by a tiny LD_PRELOAD shim).
  command -v cc >/dev/null || die "--diagnose needs a C compiler (cc)"
  shm_work="$(mktemp -d /dev/shm/jobgate-bench.XXXXXX)"
  cat >"$work/nodelay.c" <<'EOF'
#define _GNU_SOURCE
#include <dlfcn.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
/* connect() with TCP_NODELAY set first, for the benchmark's diagnosis only. */
int connect(int fd, const struct sockaddr *addr, socklen_t len) {
  static int (*real)(int, const struct sockaddr *, socklen_t);
  if (!real) real = (int (*)(int, const struct sockaddr *, socklen_t))dlsym(RTLD_NEXT, "connect");
  if (addr && (addr->sa_family == AF_INET || addr->sa_family == AF_INET6)) {
    int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  }
  return real(fd, addr, len);
}
EOF
  cc -shared -fPIC -O2 -o "$work/libnodelay.so" "$work/nodelay.c" -ldl || die "cannot build the TCP_NODELAY shim"
  for variant in tmpfs nodelay tmpfs+nodelay; do
    echo "==> a. (diagnosis: $variant) jobgate, $messages invitations -> smtp-sink"
    base=$work
    invite_env=()
    case "$variant" in *tmpfs*) base=$shm_work ;; esac
    case "$variant" in *nodelay*) invite_env=(LD_PRELOAD="$work/libnodelay.so") ;; esac
    prepare "a-$variant" "$messages" "$sink_port" plain "$base"
    invite_all "a-$variant" "$messages"
    invite_env=()
    case "$variant" in
      tmpfs) label="data folder on tmpfs (fsync costs nothing)" ;;
      nodelay) label="TCP_NODELAY forced (LD_PRELOAD shim)" ;;
      *) label="tmpfs + TCP_NODELAY" ;;
    esac
    row "a′" "diagnosis: a. with $label" "$connections" "$messages" "$secs" "$(rate "$messages" "$secs") (jobgate CPU ${cpu} s)"
  done
fi

echo "==> b. smtp-source -d, $messages messages -> smtp-sink (loopback)"
source_run b-source-direct "$sink_port" "$messages"
src_direct_rate=$(rate "$messages" "$secs")
row "b1" "smtp-source -d → smtp-sink, loopback" "$connections" "$messages" "$secs" "$src_direct_rate"

echo "==> b. jobgate, $messages invitations -> proxy $((2 * delay_ms)) ms -> smtp-sink"
prepare b "$messages" "$proxy_sink_port" plain
invite_all b "$messages"
b_rate=$(rate "$messages" "$secs")
row "b2" "jobgate → proxy $((2 * delay_ms)) ms → smtp-sink, plain" "$connections" "$messages" "$secs" "**$b_rate** (jobgate CPU ${cpu} s)"

echo "==> b. smtp-source -d, $messages messages -> proxy $((2 * delay_ms)) ms -> smtp-sink"
source_run b-source-proxy "$proxy_sink_port" "$messages"
src_proxy_rate=$(rate "$messages" "$secs")
row "b3" "smtp-source -d → proxy $((2 * delay_ms)) ms → smtp-sink" "$connections" "$messages" "$secs" "$src_proxy_rate"

# ---------------------------------------------------------------------------
# c.: STARTTLS + AUTH against aiosmtpd.

start_proxy proxy-aiosmtpd "$aiosmtpd_port"
proxy_tls_port=$proxy_port
ticks_per_s=$(getconf CLK_TCK)

echo "==> c. jobgate, $messages invitations -> aiosmtpd (STARTTLS + AUTH, loopback: the server's ceiling)"
prepare c0 "$messages" "$aiosmtpd_port" starttls
t0=$(cpu_ticks "$aiosmtpd_pid")
invite_all c0 "$messages"
t1=$(cpu_ticks "$aiosmtpd_pid")
c0_rate=$(rate "$messages" "$secs")
c0_server=$(awk -v t="$((t1 - t0))" -v hz="$ticks_per_s" -v s="$secs" 'BEGIN { printf "%.0f", t / hz / s * 100 }')
row "c0" "jobgate → aiosmtpd, STARTTLS + AUTH, loopback" "$connections" "$messages" "$secs" "$c0_rate (aiosmtpd CPU ${c0_server} %)"

echo "==> c. jobgate, $messages invitations -> proxy $((2 * delay_ms)) ms -> aiosmtpd (STARTTLS + AUTH)"
prepare c1 "$messages" "$proxy_tls_port" starttls
t0=$(cpu_ticks "$aiosmtpd_pid")
invite_all c1 "$messages"
t1=$(cpu_ticks "$aiosmtpd_pid")
c1_rate=$(rate "$messages" "$secs")
c1_server=$(awk -v t="$((t1 - t0))" -v hz="$ticks_per_s" -v s="$secs" 'BEGIN { printf "%.0f", t / hz / s * 100 }')
row "c1" "jobgate → proxy $((2 * delay_ms)) ms → aiosmtpd, STARTTLS + AUTH" "$connections" "$messages" "$secs" "**$c1_rate** (aiosmtpd CPU ${c1_server} %)"

echo "==> c. one connection per email, $baseline_messages messages -> proxy $((2 * delay_ms)) ms -> aiosmtpd (STARTTLS + AUTH)"
before=$(wc -l <"$maildir/log.jsonl")
timeout 900 env SENDGRID_API_KEY="$KEY" "$BASELINE" --host 127.0.0.1 --port "$proxy_tls_port" \
  --security starttls --ca "$certs/ca.pem" --user apikey --count "$baseline_messages" \
  --message "$work/invitation.eml" --from "$FROM_ADDR" --to candidat@example.com \
  >"$work/baseline.out" 2>"$work/baseline.err" || die "baseline failed: $(tail -3 "$work/baseline.err")"
got=$(($(wc -l <"$maildir/log.jsonl") - before))
[ "$got" -eq "$baseline_messages" ] || die "the server stored $got baseline messages, not $baseline_messages"
base_secs=$(sed -n 's/^RESULT .*seconds=\([0-9.]*\).*/\1/p' "$work/baseline.out")
base_rate=$(rate "$baseline_messages" "$base_secs")
row "c2" "one connection per email → proxy $((2 * delay_ms)) ms → aiosmtpd, STARTTLS + AUTH" "1 at a time" "$baseline_messages" "$base_secs" "$base_rate"

# The same without the proxy's TCP handshake emulation (only data delayed: the
# greeting comes 1.5 round trips sooner), so the c. target can be read both ways.
echo "==> c. the same through a proxy that delays data only (no handshake emulation)"
"$PROXY" --upstream "$aiosmtpd_port" --delay-ms "$delay_ms" --connect-delay-ms 0 \
  >"$work/proxy-nohandshake.out" 2>"$work/proxy-nohandshake.err" &
pids+=($!)
proxy_nohs_port=$(wait_ready "$work/proxy-nohandshake.out" $!)
timeout 900 env SENDGRID_API_KEY="$KEY" "$BASELINE" --host 127.0.0.1 --port "$proxy_nohs_port" \
  --security starttls --ca "$certs/ca.pem" --user apikey --count "$baseline_messages" \
  --message "$work/invitation.eml" --from "$FROM_ADDR" --to candidat@example.com \
  >"$work/baseline-nohs.out" 2>"$work/baseline-nohs.err" || die "baseline failed: $(tail -3 "$work/baseline-nohs.err")"
nohs_secs=$(sed -n 's/^RESULT .*seconds=\([0-9.]*\).*/\1/p' "$work/baseline-nohs.out")
nohs_rate=$(rate "$baseline_messages" "$nohs_secs")
row "c3" "c2 through a proxy delaying data only (no TCP handshake emulation)" "1 at a time" "$baseline_messages" "$nohs_secs" "$nohs_rate"

# ---------------------------------------------------------------------------
# The table and the targets.

verdict() { awk -v x="$1" -v t="$2" 'BEGIN { print (x >= t) ? "met" : "NOT met" }'; }
ratio_b=$(awk -v a="$b_rate" -v b="$src_proxy_rate" 'BEGIN { printf "%.2f", a / b }')
ratio_c=$(awk -v a="$c1_rate" -v b="$base_rate" 'BEGIN { printf "%.1f", a / b }')
ratio_c3=$(awk -v a="$c1_rate" -v b="$nohs_rate" 'BEGIN { printf "%.1f", a / b }')

echo
echo "Invitation: $size bytes (text + HTML). Rates in messages per second; wall time around the sending command only."
echo
echo "| # | What | Connections | Messages | Seconds | Messages/s |"
echo "| --- | --- | --- | --- | --- | --- |"
printf '%s\n' "${rows[@]}"
echo
echo "| Target | Measured | |"
echo "| --- | --- | --- |"
echo "| a ≥ 1,000 invitations/s on plain loopback | $a_rate/s | $(verdict "$a_rate" 1000) |"
echo "| b2 ≥ 0.8 × b3 (smtp-source through the proxy, same connections) | ${ratio_b} × | $(verdict "$ratio_b" 0.8) |"
echo "| c1 ≥ 10 × c2 (one connection per email, STARTTLS + AUTH at $((2 * delay_ms)) ms) | ${ratio_c} × | $(verdict "$ratio_c" 10) |"
echo "| (the same, c1 ÷ c3: the baseline's TCP handshake not delayed) | ${ratio_c3} × | $(verdict "$ratio_c3" 10) |"
