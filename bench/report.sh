#!/usr/bin/env bash
# The validation-cost report: runs the JMH suite and the libsecp256k1 reference (bench/native) in
# one run on this machine, profiles the hot path, and writes bench/results/<timestamp>/report.md
# with hot-path.svg and the raw data (jmh-*.json, jmh.txt, secp256k1-*.json, hot-path.jfr).
#
#   bench/report.sh               quick: short warm-up and measurement, ~10 minutes on 2 cores
#   bench/report.sh --long        publication: 3 forks, 10 measured iterations of 2 s, ~1 hour
#   bench/report.sh --no-build    use bench/target/benchmarks.jar as it is
#
# Also `./bundler bench --report [--long]`. Needs a JDK 21+ (JAVA_HOME or java on the PATH), Maven,
# gcc and Debian's libsecp256k1-dev, which it installs with apt-get when run as root, and the e2e Node
# packages (anvil, Kernel bytecode; `cd e2e && npm ci`) for the flood through the server. The load
# benchmark (bench/load) is not run here: its newest result, if any, is folded into the report.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
JAR="$ROOT/bench/target/benchmarks.jar"
NATIVE="$ROOT/bench/target/native/secp256k1_bench"
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
# RejectionFloodBenchmark finds anvil and the Kernel contracts in e2e/ from here
cd "$ROOT"

die() { echo "report: $*" >&2; exit 1; }
say() { echo "report: $*" >&2; }

mode=quick
build=yes
for argument in "$@"; do
  case "$argument" in
    --long) mode=long ;;
    --no-build) build=no ;;
    -h|--help) sed -n "2,12p" "$0" | sed "s/^# \{0,1\}//"; exit 0 ;;
    *) die "unknown option '$argument' (try --help)" ;;
  esac
done

# JMH options per mode (-foe: a benchmark that throws fails the run). The suite is every benchmark
# the report reads, in two parts: the headline (hot path and signatures), closely bracketed by the
# libsecp256k1 reference, then the rest. The quick mode measures the mempool with 256 callers only
# (its three caller counts take a minute each).
HEADLINE='SessionKeyHotPathBenchmark|SignatureBenchmark'
REST='PermissionScopeBenchmark|UserOpHashBenchmark|JsonRpcDispatchBenchmark|MempoolInsertBenchmark|RejectionFloodBenchmark|SafeModeValidationBenchmark'
if [[ "$mode" == quick ]]; then
  JMH_OPTIONS=(-foe true -f 1 -wi 5 -w 1s -i 5 -r 1s)
  REST_OPTIONS=(-p callers=256)
  NATIVE_OPTIONS=(--iterations 10000 --runs 11)
  PROFILE_OPTIONS=(-foe true -f 1 -wi 2 -w 1s -i 3 -r 2s)
else
  JMH_OPTIONS=(-foe true -f 3 -wi 5 -w 2s -i 10 -r 2s)
  REST_OPTIONS=()
  NATIVE_OPTIONS=(--iterations 20000 --runs 31)
  PROFILE_OPTIONS=(-foe true -f 1 -wi 5 -w 2s -i 10 -r 2s)
fi

java_major="$("$JAVA" -XshowSettings:properties -version 2>&1 \
  | sed -n 's/^ *java.specification.version = \([0-9]*\).*/\1/p')"
[[ -n "$java_major" && "$java_major" -ge 21 ]] || die "needs a JDK 21 or newer ($JAVA is" \
  "${java_major:-not found}): set JAVA_HOME, or run ./bundler bench --report, which finds one"

ensure_libsecp256k1() {
  if [[ -f /usr/include/secp256k1_recovery.h ]]; then
    return 0
  fi
  [[ "$(id -u)" -eq 0 ]] && command -v apt-get >/dev/null \
    || die "libsecp256k1-dev is missing: install it (Debian: apt-get install libsecp256k1-dev)"
  say "installing libsecp256k1-dev"
  apt-get install -y -q libsecp256k1-dev >&2 \
    || { apt-get update -q >&2 && apt-get install -y -q libsecp256k1-dev >&2; } \
    || die "could not install libsecp256k1-dev"
}

if [[ "$build" == yes ]]; then
  say "building bench/target/benchmarks.jar"
  (cd "$ROOT" && mvn -q -B -DskipTests package -pl bench -am) >&2
fi
[[ -f "$JAR" ]] || die "no $JAR: build it (mvn -DskipTests package -pl bench -am) or drop --no-build"

ensure_libsecp256k1
command -v gcc >/dev/null || die "gcc is needed to build the libsecp256k1 reference"
mkdir -p "$(dirname "$NATIVE")"
gcc -O2 -Wall -Wextra -o "$NATIVE" "$ROOT/bench/native/secp256k1_bench.c" -lsecp256k1

stamp="$(date -u +%Y%m%dT%H%M%SZ)"
out="$ROOT/bench/results/$stamp"
mkdir -p "$out"
commit="$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)"
if [[ -n "$(git -C "$ROOT" status --porcelain --untracked-files=no 2>/dev/null)" ]]; then
  commit="$commit (work tree has uncommitted changes)"
fi
load_before="$(cut -d' ' -f1 /proc/loadavg 2>/dev/null || echo unknown)"
library_version="$(dpkg-query -W -f='${Version}' libsecp256k1-dev 2>/dev/null || echo unknown)"

say "$mode run into $out"
# The reference runs right before and right after the headline benchmarks, and the report pools
# both: drift in the machine's load while they run reaches the reference as it reaches them.
run_reference() {
  "$NATIVE" "${NATIVE_OPTIONS[@]}" --library-version "$library_version" > "$out/secp256k1-$1.json"
}
run_jmh() {
  local part="$1"
  shift
  "$JAVA" -jar "$JAR" "$@" "${JMH_OPTIONS[@]}" -rf json -rff "$out/jmh-$part.json" >> "$out/jmh.txt" 2>&1 \
    || { tail -30 "$out/jmh.txt" >&2; die "the JMH suite failed"; }
}
say "libsecp256k1 reference, headline benchmarks, reference again (progress in $out/jmh.txt)"
run_reference before
run_jmh headline "$HEADLINE"
run_reference after
say "the other benchmarks"
run_jmh rest "$REST" "${REST_OPTIONS[@]}"

say "profiling the hot path (JDK Flight Recorder)"
profile_dir="$(mktemp -d)"
trap 'rm -rf "$profile_dir"' EXIT
if "$JAVA" -jar "$JAR" 'SessionKeyHotPathBenchmark.inScope$' "${PROFILE_OPTIONS[@]}" \
    -prof "jfr:dir=$profile_dir" > "$out/profile.txt" 2>&1; then
  find "$profile_dir" -name '*.jfr' -exec cp {} "$out/hot-path.jfr" \;
else
  say "the profile run failed (see $out/profile.txt); the report goes without it"
fi

"$JAVA" -cp "$JAR" io.seed.bundler.bench.report.BenchReport --dir "$out" --stamp "$stamp" \
  --mode "$mode" --command "${REPORT_COMMAND:-bench/report.sh}${*:+ $*}" --commit "$commit" \
  --load-before "$load_before" --load-results "$ROOT/bench/load/results"
