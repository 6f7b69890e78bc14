# Switchboard: `make serve` runs the app, `make test` runs every test. Both set up the machine first.
SHELL := /bin/bash
export PATH := $(CURDIR)/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)
PORT ?= 8080
E2E_PORT ?= 4173

# Browser tests of the wasm crate (wasm-bindgen-test) run in headless Chromium via chromedriver.
export CHROMEDRIVER := /usr/bin/chromedriver
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER := wasm-bindgen-test-runner
export WASM_BINDGEN_TEST_TIMEOUT := 120

.PHONY: serve test setup setup-browser build lint test-native test-wasm test-e2e bench

## Build the release app and serve it on 127.0.0.1:$(PORT) (sandbox mode: no server needed).
serve: setup build
	@echo "Open http://127.0.0.1:$(PORT)/ (sandbox mode; Ctrl-C stops)"
	node scripts/serve-static.mjs dist $(PORT)

## Every test layer: lint, domain (native), components (wasm in Chromium), e2e (Playwright).
test: setup-browser lint test-native test-wasm build test-e2e

setup:
	scripts/setup

setup-browser:
	scripts/setup --browser

build:
	trunk build --release

lint:
	cargo fmt --all -- --check
	cargo clippy -p domain --all-targets -- -D warnings
	cargo clippy -p switchboard --all-targets --target wasm32-unknown-unknown -- -D warnings

test-native:
	cargo test -p domain

test-wasm:
	cargo test -p switchboard --target wasm32-unknown-unknown

test-e2e:
	E2E_PORT=$(E2E_PORT) playwright test -c tests/e2e

## Figures for the release build (bundle size, load, 10,000-user list); printed and saved to bench/results/.
bench: setup-browser build
	node bench/users.mjs
