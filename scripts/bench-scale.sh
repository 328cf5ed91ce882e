#!/usr/bin/env bash
# The data benchmark (issue "Applications data … fast at 100,000 applications"),
# measured in one run beside its references:
#   1. tests/src/bin/bench_scale.rs: a realistic CSV of 100,000 applications
#      imported with the core API (timed once, cold, with the peak RSS), then
#      each list query of the window (first page, a search typed letter by
#      letter, an email, a job title without its accents, the job and status
#      filters, each sort key) timed through Store::list_applications — what
#      the window and `jobgate list` call — next to the same SQL statements run
#      by the sqlite3 shell on the same database file. With --before REV, the
#      same benchmark is also built against REV's core (the code before a
#      change), its figures are shown beside and its results must be identical.
#   2. `jobgate import` of the same CSV into a data folder (the CLI, end to end),
#      and `jobgate list --json --search dupont --limit 200` (a whole process).
#   3. The memory of the release app showing that data folder: PSS summed over
#      jobgate and all its descendants (WebKitWebProcess, WebKitNetworkProcess…)
#      ~10 s after start, under a private Xvfb and D-Bus session, next to the
#      same app on an empty data folder.
# It installs what it needs (sqlite3, xvfb, dbus), builds the release binaries
# and prints Markdown for BENCHMARKS.md. Everything it starts is stopped on exit.
#
#   ./scripts/bench-scale.sh [--rows 100000] [--runs 20] [--invited 2000]
#                            [--before REV] [--settle 10] [--no-memory]
#                            [--diagnose] [--no-build] [--keep]
#
# --before REV: REV's sources (git archive) with this benchmark copied in,
# built in target/bench-before (a cold build the first time: several minutes).
# The benchmark takes the list's statements from the store
# (ListQuery::statements), so REV must have it (the commit that added it or later).
# --settle: seconds the window is given to start and show its first page
# before its memory is read. The window runs as a recruiter's does: WebKit's
# accelerated compositing off (src-tauri/src/lib.rs). --diagnose measures it
# twice more with JOBGATE_GPU=1 (compositing on, as before 2026-11-25): what
# WebKit's OpenGL compositing costs here, where Xvfb leaves it Mesa's software
# renderer (llvmpipe). --keep
# leaves the work folder.
source "$(dirname "$0")/lib.sh"

given="$*"
rows=100000
runs=20
invited=2000
before=""
rev=""
settle=10
memory=1
diagnose=0
build=1
keep=0
while [ $# -gt 0 ]; do
  case "$1" in
    --rows) rows=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --invited) invited=$2; shift 2 ;;
    --before) before=$2; shift 2 ;;
    --settle) settle=$2; shift 2 ;;
    --no-memory) memory=0; shift ;;
    --diagnose) diagnose=1; shift ;;
    --no-build) build=0; shift ;;
    --keep) keep=1; shift ;;
    -h|--help) sed -n '2,32p' "$0"; exit 0 ;;
    *) echo "unknown option: $1 (see --help)" >&2; exit 2 ;;
  esac
done
for n in "$rows" "$runs" "$invited" "$settle"; do
  [[ "$n" =~ ^[0-9]+$ ]] || { echo "numbers only: $n" >&2; exit 2; }
done

export LC_ALL=C.UTF-8 # a decimal point in awk's output, whatever the locale
export TZ=Europe/Paris # links' expiry days are counted on this calendar, in every run

# ---------------------------------------------------------------------------
# What it needs.

packages=(sqlite3)
[ "$memory" -eq 1 ] && packages+=(xvfb xauth dbus dbus-x11)
[ "$build" -eq 1 ] && packages+=("${BUILD_PACKAGES[@]}")
apt_install "${packages[@]}"
ensure_rust

cd "$ROOT"
target="${CARGO_TARGET_DIR:-$ROOT/target}"
if [ "$build" -eq 1 ]; then
  echo "==> cargo build --release -p jobgate; -p jobgate-tests --bin bench_scale"
  cargo build --release --locked -p jobgate
  cargo build --release --locked -p jobgate-tests --bin bench_scale
fi
JOBGATE="$target/release/jobgate"
BENCH="$target/release/bench_scale"
for bin in "$JOBGATE" "$BENCH"; do
  [ -x "$bin" ] || { echo "missing: $bin (run without --no-build)" >&2; exit 1; }
done

# ---------------------------------------------------------------------------
# Work folder, background processes, clean-up.

work="$(mktemp -d /tmp/jobgate-bench-scale.XXXXXX)"
pids=()   # processes started here
groups=() # process groups started here (setsid): the window and what it spawned
cleanup() {
  local pid
  for pid in "${groups[@]}"; do kill -TERM -- "-$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${groups[@]}" "${pids[@]}"; do
    for _ in $(seq 30); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  done
  for pid in "${groups[@]}"; do kill -KILL -- "-$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do kill -KILL "$pid" 2>/dev/null || true; done
  if [ "$keep" -eq 1 ]; then echo "work folder kept: $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

die() { echo "bench-scale: $*" >&2; exit 1; }

# jobgate on the data folder $data: no keyring, no mail settings from the environment.
jg() {
  env -u DEFAULT_FROM_EMAIL -u FRONTEND_BASE_URL -u SENDGRID_API_KEY JOBGATE_DATA_DIR="$data" \
    DBUS_SESSION_BUS_ADDRESS="unix:path=/nonexistent/jobgate-bench-bus" "$JOBGATE" "$@"
}

now_ns() { date +%s%N; }
ms_since() { awk -v a="$1" -v b="$(now_ns)" 'BEGIN { printf "%.0f", (b - a) / 1e6 }'; }

# ---------------------------------------------------------------------------
# Machine.

cpu_model=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)
commit=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)
git -C "$ROOT" diff --quiet HEAD -- src-tauri ui Cargo.toml Cargo.lock 2>/dev/null ||
  commit="$commit + uncommitted changes to jobgate"
machine="$(nproc) CPUs, $cpu_model; $(free -g | awk '/^Mem:/ { print $2 " GB" }') RAM; Linux $(uname -r); $(. /etc/os-release && echo "$PRETTY_NAME")"
started="$(date -u '+%Y-%m-%d %H:%M UTC')"
load_start="$(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "Machine: $machine"
echo "Date: $started; jobgate commit $commit; load average at start: $load_start"
echo "sqlite3 shell: $(sqlite3 --version | cut -d' ' -f1-2)"
echo

# ---------------------------------------------------------------------------
# 1. Queries through the core API, and the sqlite3 shell on the same file.

echo "==> bench_scale --rows $rows --runs $runs (current code)"
"$BENCH" --rows "$rows" --runs "$runs" --invited "$invited" --out "$work/after" \
  >"$work/after.md" 2>"$work/after.log" || die "bench_scale failed: $(tail -5 "$work/after.log")"
cat "$work/after.log" >&2

if [ -n "$before" ]; then
  rev=$(git -C "$ROOT" rev-parse --short "$before") || die "no such revision: $before"
  src="$work/before-src"
  mkdir -p "$src"
  git -C "$ROOT" archive "$rev" | tar -x -C "$src"
  # This very benchmark, against REV's core.
  mkdir -p "$src/tests/src/bin"
  cp "$ROOT/tests/src/bin/bench_scale.rs" "$src/tests/src/bin/bench_scale.rs"
  grep -q 'name = "bench_scale"' "$src/tests/Cargo.toml" ||
    printf '\n[[bin]]\nname = "bench_scale"\npath = "src/bin/bench_scale.rs"\n' >>"$src/tests/Cargo.toml"
  echo "==> building bench_scale against $rev's core (target/bench-before)"
  (cd "$src" && CARGO_TARGET_DIR="$target/bench-before" \
    cargo build --release --locked -p jobgate-tests --bin bench_scale) ||
    die "cannot build the benchmark against $rev"
  echo "==> bench_scale --rows $rows --runs $runs ($rev)"
  "$target/bench-before/release/bench_scale" --rows "$rows" --runs "$runs" --invited "$invited" \
    --no-reference --out "$work/before" >"$work/before.md" 2>"$work/before.log" ||
    die "bench_scale ($rev) failed: $(tail -5 "$work/before.log")"
  cmp -s "$work/before/applications.csv" "$work/after/applications.csv" ||
    die "the two runs did not import the same CSV"
fi

# ---------------------------------------------------------------------------
# 2. The CLI, end to end, on a data folder of its own.

data="$work/data-$rows"
mkdir -p "$data"
echo "==> jobgate import ($rows rows)"
start=$(now_ns)
jg import "$work/after/applications.csv" >"$work/cli-import.log" 2>&1 ||
  die "jobgate import failed: $(tail -3 "$work/cli-import.log")"
cli_import_ms=$(ms_since "$start")
cli_list=()
for _ in 1 2 3 4 5 6 7; do
  start=$(now_ns)
  jg list --json --search dupont --limit 200 >"$work/cli-list.json" 2>"$work/cli-list.err" ||
    die "jobgate list failed: $(cat "$work/cli-list.err")"
  cli_list+=("$(ms_since "$start")")
done
cli_list_median=$(printf '%s\n' "${cli_list[@]}" | sort -n | sed -n 4p)
# What starting the binary costs alone (it links GTK and WebKit).
cli_help=()
for _ in 1 2 3 4 5 6 7; do
  start=$(now_ns)
  jg --help >/dev/null 2>&1 || die "jobgate --help failed"
  cli_help+=("$(ms_since "$start")")
done
cli_help_median=$(printf '%s\n' "${cli_help[@]}" | sort -n | sed -n 4p)
cli_list_rows=$(/usr/bin/python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))))' "$work/cli-list.json" 2>/dev/null || echo "?")

# ---------------------------------------------------------------------------
# 3. The window's memory: PSS over jobgate and its descendants.

# Every descendant of PID, at this instant.
descendants() {
  ps -e -o pid= -o ppid= | awk -v root="$1" '
    { parent[$1] = $2 }
    END {
      for (p in parent) {
        q = p
        while (q in parent && parent[q] != 0 && q != root) q = parent[q]
        if (q == root && p != root) print p
      }
    }'
}

# "TOTAL_kB name=MB (anon A, file F, shmem S), …": PSS of PID and of each of
# its descendants, each split as smaps_rollup splits it.
pss_tree() {
  local root=$1 total=0 pid line kb parts=()
  for pid in "$root" $(descendants "$root"); do
    line=$(awk '$1 == "Pss:" { p = $2 } $1 == "Pss_Anon:" { a = $2 } $1 == "Pss_File:" { f = $2 }
      $1 == "Pss_Shmem:" { s = $2 }
      END { if (p != "") printf "%d %.0f %.0f %.0f %.0f", p, p / 1024, a / 1024, f / 1024, s / 1024 }' \
      "/proc/$pid/smaps_rollup" 2>/dev/null || true)
    [ -n "$line" ] || continue
    read -r kb mb anon file shmem <<<"$line"
    total=$((total + kb))
    parts+=("$(cat "/proc/$pid/comm" 2>/dev/null || echo "?") $mb (anon $anon, file $file, shmem $shmem)")
  done
  local IFS=";"
  echo "$total ${parts[*]}"
}

# The jobgate process under PID (the window, not dbus-run-session nor dbus-daemon).
jobgate_in() {
  local p exe
  exe=$(readlink -f "$JOBGATE")
  for p in $(descendants "$1"); do
    if [ "$(readlink "/proc/$p/exe" 2>/dev/null || true)" = "$exe" ]; then echo "$p"; return 0; fi
  done
  return 0
}

# Starts the window on data folder DIR (with extra VAR=VALUE settings) in a
# private D-Bus session, waits $settle seconds, reads the PSS of jobgate's
# process tree; sets $pss_mb and $pss_parts.
window_pss() {
  local name=$1 dir=$2 group app="" reading
  shift 2
  setsid env -u DEFAULT_FROM_EMAIL -u FRONTEND_BASE_URL -u SENDGRID_API_KEY -u WAYLAND_DISPLAY \
    -u WEBKIT_DISABLE_COMPOSITING_MODE -u JOBGATE_GPU -u TAURI_WEBVIEW_AUTOMATION \
    DISPLAY=":$display" NO_AT_BRIDGE=1 JOBGATE_DATA_DIR="$dir" "$@" \
    dbus-run-session -- "$JOBGATE" >"$work/$name-window.log" 2>&1 &
  group=$!
  groups+=("$group")
  for _ in $(seq 100); do
    app=$(jobgate_in "$group")
    [ -n "$app" ] && break
    sleep 0.1
  done
  [ -n "$app" ] || die "the window did not start (see $work/$name-window.log)"
  sleep "$settle"
  kill -0 "$app" 2>/dev/null || die "the window exited (see $work/$name-window.log)"
  reading=$(pss_tree "$app")
  pss_mb=$(awk -v kb="${reading%% *}" 'BEGIN { printf "%.0f", kb / 1024 }')
  pss_parts=${reading#* }
  pss_parts=${pss_parts//;/; }
  kill -TERM -- "-$group" 2>/dev/null || true
  for _ in $(seq 50); do kill -0 "$group" 2>/dev/null || break; sleep 0.1; done
  kill -KILL -- "-$group" 2>/dev/null || true
  wait "$group" 2>/dev/null || true
}

if [ "$memory" -eq 1 ]; then
  display=93
  while [ -e "/tmp/.X${display}-lock" ] || [ -e "/tmp/.X11-unix/X${display}" ]; do display=$((display + 1)); done
  Xvfb ":$display" -screen 0 1400x900x24 -nolisten tcp >"$work/xvfb.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 50); do [ -e "/tmp/.X11-unix/X${display}" ] && break; sleep 0.1; done
  [ -e "/tmp/.X11-unix/X${display}" ] || die "Xvfb did not start (see $work/xvfb.log)"

  echo "==> window on the empty data folder, PSS after ${settle} s"
  mkdir -p "$work/data-empty"
  window_pss empty "$work/data-empty"
  pss_empty=$pss_mb
  pss_empty_parts=$pss_parts
  echo "    $pss_empty MB ($pss_empty_parts)"
  echo "==> window on $rows applications, PSS after ${settle} s"
  window_pss full "$data"
  pss_full=$pss_mb
  pss_full_parts=$pss_parts
  echo "    $pss_full MB ($pss_full_parts)"
  if [ "$diagnose" -eq 1 ]; then
    echo "==> (diagnosis) the same with JOBGATE_GPU=1 (WebKit's compositing on)"
    window_pss empty-nocomp "$work/data-empty" JOBGATE_GPU=1
    pss_empty_nocomp=$pss_mb
    echo "    empty: $pss_empty_nocomp MB ($pss_parts)"
    window_pss full-nocomp "$data" JOBGATE_GPU=1
    pss_full_nocomp=$pss_mb
    pss_full_nocomp_parts=$pss_parts
    echo "    $rows applications: $pss_full_nocomp MB ($pss_full_nocomp_parts)"
  fi
fi

# ---------------------------------------------------------------------------
# The report.

val() { awk -F= -v k="$2" '$1 == k { print $2 }' "$1/summary.txt"; }
import_ms=$(val "$work/after" import_ms)
echo
echo "Machine: $machine"
echo "Date: $started; jobgate commit $commit; load average $load_start at the start, $(cut -d' ' -f1-3 /proc/loadavg) at the end"
echo "Command: ./scripts/bench-scale.sh${given:+ $given}${rev:+ (REV = $rev)}"
echo
echo "| What | Measured | Reference | Target |"
echo "| --- | --- | --- | --- |"
printf '| Import, %s rows, core API (one run, new database) | **%.2f s** | parsing alone %.2f s | ≤ 10 s |\n' \
  "$rows" "$(awk -v m="$import_ms" 'BEGIN { print m / 1000 }')" \
  "$(awk -v m="$(val "$work/after" parse_ms)" 'BEGIN { print m / 1000 }')"
if [ -n "$before" ]; then
  printf '| Import, the same, %s | %.2f s | | |\n' "$rev" \
    "$(awk -v m="$(val "$work/before" import_ms)" 'BEGIN { print m / 1000 }')"
fi
printf '| Import, `jobgate import` (whole process) | %.2f s | | ≤ 10 s |\n' \
  "$(awk -v m="$cli_import_ms" 'BEGIN { print m / 1000 }')"
printf '| Peak RSS of the benchmark after the import (VmHWM) | %s MB | | |\n' \
  "$(($(val "$work/after" vm_hwm_import_kb) / 1024))"
printf '| `jobgate list --json --search dupont --limit 200` (whole process, median of 7) | %s ms (%s rows) | `jobgate --help`: %s ms | |\n' \
  "$cli_list_median" "$cli_list_rows" "$cli_help_median"
if [ "$memory" -eq 1 ]; then
  printf '| Window, PSS of jobgate + descendants, %s applications | **%s MB** | empty data folder: %s MB | ≤ 300 MB |\n' \
    "$rows" "$pss_full" "$pss_empty"
  if [ "$diagnose" -eq 1 ]; then
    printf '| (diagnosis) the same with JOBGATE_GPU=1 (compositing on, the window before this change) | %s MB | empty data folder: %s MB | |\n' \
      "$pss_full_nocomp" "$pss_empty_nocomp"
  fi
fi
echo
if [ "$memory" -eq 1 ]; then
  echo "PSS by process (MB), $rows applications: $pss_full_parts."
  echo "Empty data folder: $pss_empty_parts."
  if [ "$diagnose" -eq 1 ]; then
    echo "With compositing (JOBGATE_GPU=1), $rows applications: $pss_full_nocomp_parts."
  fi
  echo
fi

# Queries: current code, sqlite3 shell, and the code before (identical results?).
/usr/bin/python3 - "$work" "$rev" "${before:+1}" <<'EOF'
import csv, sys
work, rev, with_before = sys.argv[1], sys.argv[2], sys.argv[3] == "1"
def load(name):
    with open(f"{work}/{name}/results.tsv", newline="") as f:
        return {r["key"]: r for r in csv.DictReader(f, delimiter="\t")}
after = load("after")
before = load("before") if with_before else {}
head = ["Query", "Rows / total", "median ms", "p95 ms", "sqlite3 median ms", "sqlite3 p95 ms"]
if with_before:
    head += [f"{rev} median ms", f"{rev} p95 ms", "same result"]
print("| " + " | ".join(head) + " |")
print("|" + " --- |" * len(head))
different = 0
for key, a in after.items():
    cells = [a["label"], f'{a["rows"]} / {a["total"]}', f'**{float(a["median_ms"]):.2f}**',
             f'{float(a["p95_ms"]):.2f}', a["ref_median_ms"], a["ref_p95_ms"]]
    if with_before:
        b = before.get(key)
        if b is None:
            cells += ["-", "-", "?"]
        else:
            same = b["digest"] == a["digest"] and b["total"] == a["total"]
            different += not same
            cells += [f'{float(b["median_ms"]):.2f}', f'{float(b["p95_ms"]):.2f}',
                      "yes" if same else "**NO**"]
    print("| " + " | ".join(cells) + " |")
if different:
    print(f"\n**{different} queries returned something else than {rev}.**")
    sys.exit(3)
EOF
