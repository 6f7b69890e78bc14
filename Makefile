# Switchboard: `make serve` runs the app, `make test` runs every test. Both set up the machine first.
SHELL := /bin/bash
export PATH := $(CURDIR)/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)
PORT ?= 8080
E2E_PORT ?= 4173
SERVER := target/release/switchboard-server

# Browser tests of the wasm crate (wasm-bindgen-test) run in headless Chromium via chromedriver.
export CHROMEDRIVER := /usr/bin/chromedriver
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER := wasm-bindgen-test-runner
export WASM_BINDGEN_TEST_TIMEOUT := 120

.PHONY: embed-example serve sandbox test setup setup-browser build build-server lint test-native test-wasm test-e2e bench

## Build the app and the reference server; serve both on 127.0.0.1:$(PORT) over data/switchboard.sqlite.
serve: setup build build-server
	PORT=$(PORT) $(SERVER) --demo --db data/switchboard.sqlite --dist dist

## The embedding examples (examples/embed/): the app in a portal's layout and in its iframe.
embed-example: setup build build-server
	PORT=$(PORT) $(SERVER) --demo --db data/switchboard.sqlite --dist dist --embed-origin http://127.0.0.1:8090 & \
	  trap 'kill $$!' EXIT; sleep 1; node examples/embed/serve.mjs --port 8090 --app http://127.0.0.1:$(PORT) --dist dist

## The sandbox build on its own: static files, API and mock data in the browser, no server.
sandbox: setup build
	@echo "Open http://127.0.0.1:$(PORT)/ (sandbox mode; Ctrl-C stops)"
	node scripts/serve-static.mjs dist $(PORT)

## Every test layer: lint, domain and server (native), components (wasm in Chromium), the release
## builds and the first-load size budget, e2e in both modes. Each phase says when it starts and how long it took (scripts/phase).
## Built from scratch each time in CI, so without incremental compilation (it only costs there).
test: export CARGO_INCREMENTAL := 0
test:
	@scripts/phase --begin
	@scripts/phase setup scripts/setup --browser
	@scripts/phase lint $(MAKE) --no-print-directory lint
	@scripts/phase native-tests $(MAKE) --no-print-directory test-native
	@scripts/phase wasm-tests $(MAKE) --no-print-directory test-wasm
	@scripts/phase release-builds $(MAKE) --no-print-directory build build-server
	@scripts/phase size-budget node scripts/size-budget.mjs
	@scripts/phase e2e $(MAKE) --no-print-directory test-e2e
	@scripts/phase --summary

setup:
	scripts/setup

setup-browser:
	scripts/setup --browser

build:
	trunk build --release

build-server:
	cargo build --release -p server

lint:
	cargo fmt --all -- --check
	leptosfmt --check --quiet src
	cargo clippy -p domain -p sandbox -p server -p sheets --all-targets -- -D warnings
	cargo clippy -p switchboard -p sheets -p sandbox --all-targets --target wasm32-unknown-unknown -- -D warnings

test-native:
	cargo test -p domain -p sandbox -p server -p sheets

test-wasm:
	cargo test -p switchboard --target wasm32-unknown-unknown

test-e2e:
	mkdir -p target/e2e
	E2E_PORT=$(E2E_PORT) playwright test -c tests/e2e

## Figures for the release build (bundle size, load, 10,000-user list, wizard keystrokes, server throughput);
## printed and saved to bench/results/.
bench: build build-server
	scripts/setup --bench
	node bench/users.mjs
	node bench/wizard.mjs
	node bench/licenses.mjs
	node bench/bulk.mjs
	node bench/server.mjs
