# aliyun-eni: build, test, demo, bench, fuzz.
# `make demo` and `make test` install what they need (scripts/ensure-tools.sh) and are quick
# when everything is already there.

SHELL := bash
.SHELLFLAGS := -euo pipefail -c
export PATH := $(HOME)/.cargo/bin:$(PATH)
export CHROMEDRIVER := /usr/bin/chromedriver

TARGET := wasm32-unknown-unknown
BINDGEN_OUT := target/wasm-bindgen
WASM_OPT := node node_modules/binaryen/bin/wasm-opt
WASM_FEATURES := --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
                 --enable-mutable-globals --enable-reference-types --enable-multivalue
NODE_TEST := node --test --test-concurrency=1

.PHONY: all tools build pack test lint test-rust test-wasm test-js demo bench fuzz clean

all: build

tools:
	@scripts/ensure-tools.sh

# Panic locations carry source paths into the wasm's data: the registry's prefix is cut, so
# dependencies show as crate-relative paths (smaller, and no build machine paths in the package).
# The standard library's paths come precompiled (/rustc/<commit>/...) and stay.
CARGO_HOME ?= $(HOME)/.cargo
REMAP_PATHS = $(foreach d,$(wildcard $(CARGO_HOME)/registry/src/*/),--remap-path-prefix=$(d)=)
# -Oz, run to a fixed point (--converge); the low 1 KiB of memory is never addressed (the stack
# grows down from 1 MiB, data and heap lie above it, and no call chain here is 1023 KiB deep)
# and the module's own memory starts zeroed, which lets wasm-opt fold address constants into
# load/store offsets and drop zero data (-0.7 KB raw, -0.4 KB gzipped). Measured against
# -Os, -O4 then -Oz, --gufa and --merge-similar-functions (README.md, "Size and speed").
WASM_OPT_FLAGS := -Oz --converge --low-memory-unused --zero-filled-memory

## build: the publishable npm package in pkg/
build: tools
	RUSTFLAGS="$${RUSTFLAGS:-} $(REMAP_PATHS)" cargo build --release --target $(TARGET) --quiet
	rm -rf $(BINDGEN_OUT)
	wasm-bindgen --target web --out-dir $(BINDGEN_OUT) target/$(TARGET)/release/aliyun_eni.wasm
	$(WASM_OPT) $(WASM_OPT_FLAGS) $(WASM_FEATURES) --strip-debug --strip-producers --strip-target-features \
	  $(BINDGEN_OUT)/aliyun_eni_bg.wasm -o $(BINDGEN_OUT)/optimized.wasm
	node scripts/assemble-pkg.mjs $(BINDGEN_OUT) $(BINDGEN_OUT)/optimized.wasm pkg
	rm -rf www/vendor/aliyun-eni && mkdir -p www/vendor && cp -r pkg www/vendor/aliyun-eni
	@echo "wasm: $$(wc -c < pkg/aliyun_eni_bg.wasm) bytes, $$(gzip -9c pkg/aliyun_eni_bg.wasm | wc -c) gzipped"

## pack: pkg/ as an npm tarball in target/npm/
pack: build
	rm -rf target/npm && mkdir -p target/npm
	npm pack ./pkg --pack-destination target/npm --loglevel=error >/dev/null
	@ls target/npm/*.tgz

## test: every test suite
test: tools lint test-rust test-wasm test-js
	@echo "all tests passed"

## lint: rustfmt, clippy (native and wasm32), eslint and prettier over every JS file
lint: tools
	npx --no-install eslint --max-warnings 0 .
	npx --no-install prettier --check --log-level warn .
	cargo fmt --check
	cargo clippy --all-targets --quiet -- -D warnings
	cargo clippy --target $(TARGET) --all-targets --quiet -- -D warnings

test-rust:
	cargo test --quiet

test-wasm: tools
	@scripts/ensure-tools.sh browser
	cargo test --target $(TARGET) --test wasm_node
	scripts/browser-suite.sh

JS_TESTS = $(shell find tests -name '*.test.mjs' -not -path '*/node_modules/*' | sort)

test-js: pack
	@scripts/ensure-tools.sh browser runtimes
	$(NODE_TEST) $(JS_TESTS)

## demo: the emulator (250 ENIs, CORS on) and the admin page
demo: build
	@scripts/ensure-tools.sh
	node scripts/demo.mjs

clean:
	cargo clean
	rm -rf pkg node_modules tests/runtimes/node_modules test-output

## fuzz: every cargo-fuzz target for FUZZ_SECONDS (default 600) each; figures in target/fuzz/report.md
fuzz:
	scripts/fuzz.sh

## bench: the benchmark suite (issues 7 and 16), about 5 minutes; what it measures: tests/bench/README.md
bench: pack
	@scripts/ensure-tools.sh
	@if [ ! -f tests/bench/node_modules/.package-lock.json ] || \
	    [ tests/bench/package-lock.json -nt tests/bench/node_modules/.package-lock.json ]; then \
	  printf '\033[1m==> %s\033[0m\n' "installing npm packages in tests/bench" >&2; \
	  npm ci --prefix tests/bench --no-audit --no-fund --loglevel=error; \
	fi
	node tests/bench/run.mjs
