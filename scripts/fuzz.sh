#!/usr/bin/env bash
# make fuzz: every cargo-fuzz target for FUZZ_SECONDS (default 600) each, FUZZ_JOBS (default 2) at a time, seeded
# from fuzz/seeds/ (node fuzz/make-seeds.mjs regenerates them). Prints executions and findings
# and writes them to target/fuzz/report.md.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
SECONDS_PER_TARGET=${FUZZ_SECONDS:-600}
TARGETS=(canonical response error_body input)

rustup toolchain list | grep -q '^nightly' || rustup toolchain install nightly --profile minimal
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz

mkdir -p target/fuzz
run() {
  local t=$1
  mkdir -p "fuzz/corpus/$t"
  cargo +nightly fuzz run "$t" "fuzz/corpus/$t" "fuzz/seeds/$t" -- \
    -max_total_time="$SECONDS_PER_TARGET" -rss_limit_mb=2048 -max_len=262144 -print_final_stats=1 \
    >"target/fuzz/$t.log" 2>&1 && echo ok >"target/fuzz/$t.status" || echo "FAILED ($?)" >"target/fuzz/$t.status"
}

cargo +nightly fuzz build >/dev/null
# FUZZ_JOBS targets at a time (default 2, one per core of these machines).
JOBS=${FUZZ_JOBS:-2}
for ((i = 0; i < ${#TARGETS[@]}; i += JOBS)); do
  for ((j = i; j < i + JOBS && j < ${#TARGETS[@]}; j++)); do run "${TARGETS[j]}" & done
  wait
done

{
  echo "| target | seconds | executions | exec/s | corpus | result |"
  echo "|---|---|---|---|---|---|"
  for t in "${TARGETS[@]}"; do
    runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "target/fuzz/$t.log" | tail -1 | grep -o '[0-9]*$' || echo "?")
    rate=$(grep -o 'stat::average_exec_per_sec: *[0-9]*' "target/fuzz/$t.log" | tail -1 | grep -o '[0-9]*$' || echo "?")
    corpus=$(ls "fuzz/corpus/$t" | wc -l)
    echo "| $t | $SECONDS_PER_TARGET | $runs | $rate | $corpus | $(cat "target/fuzz/$t.status") |"
  done
} | tee target/fuzz/report.md
! grep -q FAILED target/fuzz/*.status
