# runbook: the quick start is `make run` and `make test`; both set up what they need.

PREFIX ?= /usr/local
MANDIR ?= $(PREFIX)/share/man/man1
BASH_COMPLETIONS ?= $(PREFIX)/share/bash-completion/completions
ZSH_COMPLETIONS ?= $(PREFIX)/share/zsh/site-functions
FISH_COMPLETIONS ?= $(PREFIX)/share/fish/vendor_completions.d
# Where `make extras` writes the completions and man pages, and the binary it asks for them.
EXTRAS ?= .build/extras
RUNBOOK_BIN ?= .build/debug/runbook
SWIFT ?= swift
PYTHON ?= python3
APT_PACKAGES := libcmark-gfm-dev libcmark-gfm-extensions-dev
# What the tests need beyond the build: a browser and its driver, openssl for a throwaway CA,
# Node for the personaliser's tests, util-linux's script for a pseudo-terminal, the cmark-gfm
# command, which renders the Markdown as a wiki would for the hostile-input tests, and curl and
# zsh, which run the runbook's shell snippets as an admin would, and tinyproxy, the HTTP proxy
# `verify` tunnels through in its proxy tests.
TEST_APT_PACKAGES := chromium chromium-driver openssl nodejs bsdutils cmark-gfm curl zsh tinyproxy-bin
TEST_COMMANDS := chromium chromedriver openssl node script cmark-gfm curl zsh tinyproxy
# scim2-server, selenium, axe and pytest, from PyPI (Tests/requirements.txt).
VENV := .venv
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
# The shipped binary: the Swift runtime linked in (it starts in a few milliseconds instead of
# about 13, DESIGN.md), and not position-independent, which spares the loader some 120,000
# relocations at every start.
RELEASE_FLAGS := -c release --static-swift-stdlib -Xswiftc -Xclang-linker -Xswiftc -no-pie
RELEASE_BIN = $(shell $(SWIFT) build $(RELEASE_FLAGS) --show-bin-path)

.PHONY: all deps test-deps build run test fuzz fuzz-smoke bench site preview install uninstall extras lint format clean

all: build

# cmark-gfm from Debian. pkg-config finds libcmark-gfm through libcmark-gfm-dev alone, so the
# extensions header is checked too.
deps:
	@if pkg-config --exists libcmark-gfm && \
	    [ -f "$$(pkg-config --variable=includedir libcmark-gfm)/cmark-gfm-core-extensions.h" ]; then :; else \
	  echo "Installing $(APT_PACKAGES) from Debian"; \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $(APT_PACKAGES) >/dev/null; \
	fi

test-deps: deps $(VENV)/.installed
	@for command in $(TEST_COMMANDS); do command -v $$command >/dev/null || missing=1; done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing $(TEST_APT_PACKAGES) from Debian"; \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $(TEST_APT_PACKAGES) >/dev/null; \
	fi

$(VENV)/.installed: Tests/requirements.txt
	$(PYTHON) -m venv $(VENV) || { $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq python3-venv >/dev/null && $(PYTHON) -m venv $(VENV); }
	$(VENV)/bin/pip install --quiet --disable-pip-version-check -r Tests/requirements.txt
	touch $@

build: deps
	$(SWIFT) build $(RELEASE_FLAGS) --product runbook

run: build
	@SOURCE_DATE_EPOCH=$${SOURCE_DATE_EPOCH:-$$(date +%s)} "$(RELEASE_BIN)/runbook" render
	@echo "Open runbook-out/16f982b7-17fa-4c6c-a17b-9e7e018d42c0/runbook.html in a browser,"
	@echo "or render a customer's: $(RELEASE_BIN)/runbook render '<callback URL>' --customer '<name>'"

# Swift suites (unit, snapshot, end to end), the personaliser's JavaScript against the same
# vectors, then the pages in headless Chromium; screenshots land in .build/screenshots.
test: test-deps lint
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build
	node --test Tests/JavaScript
	cd Tests/EndToEnd && RUNBOOK_BINARY="$(CURDIR)/.build/debug/runbook" ../../$(VENV)/bin/pytest -q -p no:cacheprovider
	$(MAKE) --no-print-directory fuzz-smoke

# swift-format, which ships with the toolchain, with the project's .swift-format: `make lint`
# (part of `make test`) fails on any difference, `make format` rewrites the files.
FORMATTED := Sources Tests Fuzz/Sources Package.swift Fuzz/Package.swift
lint:
	$(SWIFT) format lint --strict --recursive $(FORMATTED)

format:
	$(SWIFT) format format --in-place --recursive $(FORMATTED)

# libFuzzer with AddressSanitizer on the URL derivation, the tenant lists, escaping, whole
# runbooks and verify's reading of answers (Fuzz/README.md). `make fuzz` runs a campaign of
# FUZZ_SECONDS per target; `make fuzz-smoke`, part of `make test`, replays the inputs that
# once broke a target and fuzzes each for a few seconds.
FUZZ_SECONDS ?= 300
fuzz: deps
	Fuzz/run $(FUZZ_SECONDS)

fuzz-smoke: deps
	Fuzz/run 10

install: build
	$(MAKE) --no-print-directory extras RUNBOOK_BIN="$(RELEASE_BIN)/runbook"
	install -d "$(DESTDIR)$(PREFIX)/bin" "$(DESTDIR)$(PREFIX)/share/runbook" "$(DESTDIR)$(MANDIR)" \
	  "$(DESTDIR)$(BASH_COMPLETIONS)" "$(DESTDIR)$(ZSH_COMPLETIONS)" "$(DESTDIR)$(FISH_COMPLETIONS)"
	install -m 755 "$(RELEASE_BIN)/runbook" "$(DESTDIR)$(PREFIX)/bin/runbook"
	# Debug info is a third of the binary; the symbols stay, so a backtrace still names functions.
	strip --strip-debug "$(DESTDIR)$(PREFIX)/bin/runbook"
	rm -rf "$(DESTDIR)$(PREFIX)/share/runbook/Templates"
	cp -R Templates "$(DESTDIR)$(PREFIX)/share/runbook/Templates"
	install -m 644 $(EXTRAS)/man/*.1 "$(DESTDIR)$(MANDIR)/"
	install -m 644 $(EXTRAS)/runbook.bash "$(DESTDIR)$(BASH_COMPLETIONS)/runbook"
	install -m 644 $(EXTRAS)/_runbook "$(DESTDIR)$(ZSH_COMPLETIONS)/_runbook"
	install -m 644 $(EXTRAS)/runbook.fish "$(DESTDIR)$(FISH_COMPLETIONS)/runbook.fish"
	@echo "Installed $(DESTDIR)$(PREFIX)/bin/runbook, its templates in $(DESTDIR)$(PREFIX)/share/runbook/Templates,"
	@echo "man pages in $(DESTDIR)$(MANDIR) and bash, zsh and fish completions"

uninstall:
	rm -f "$(DESTDIR)$(PREFIX)/bin/runbook" "$(DESTDIR)$(MANDIR)"/runbook.*1 "$(DESTDIR)$(BASH_COMPLETIONS)/runbook" \
	  "$(DESTDIR)$(ZSH_COMPLETIONS)/_runbook" "$(DESTDIR)$(FISH_COMPLETIONS)/runbook.fish"
	rm -rf "$(DESTDIR)$(PREFIX)/share/runbook"

# Shell completions and man pages, generated from the commands' ArgumentParser definitions so
# they never drift: the completions by the binary itself, the pages by ArgumentParser's
# generate-manual plugin (which builds its own debug copy to read the definitions from).
extras:
	rm -rf "$(EXTRAS)" && mkdir -p "$(EXTRAS)/man"
	"$(RUNBOOK_BIN)" --generate-completion-script bash > "$(EXTRAS)/runbook.bash"
	"$(RUNBOOK_BIN)" --generate-completion-script zsh > "$(EXTRAS)/_runbook"
	"$(RUNBOOK_BIN)" --generate-completion-script fish > "$(EXTRAS)/runbook.fish"
	$(SWIFT) package --allow-writing-to-directory "$(EXTRAS)/man" generate-manual --configuration debug --multi-page \
	  --authors "the runbook maintainers" --output-directory "$(EXTRAS)/man" >/dev/null
	# `runbook worker` is a batch's own hidden subcommand, not for people: no page.
	rm -f "$(EXTRAS)/man/runbook.worker.1"

# Every comparison of BENCHMARKS.md, each against its reference in the same run. Not a test:
# it prints figures, and takes some minutes (Hugo and runbook each render 10,000 pages).
bench: deps $(VENV)/.installed
	$(PYTHON) Benchmarks/bench.py

# The docs site, built with the shipped binary, served on http://127.0.0.1:8000 to look at.
site: build
	"$(RELEASE_BIN)/runbook" site --source Site --output site-out

preview: site
	@echo "Serving site-out on http://127.0.0.1:8000 (Ctrl-C to stop)"
	cd site-out && $(PYTHON) -m http.server --bind 127.0.0.1 8000

clean:
	rm -rf .build runbook-out site-out $(VENV)
