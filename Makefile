# runbook: the quick start is `make run` and `make test`; both set up what they need.

PREFIX ?= /usr/local
SWIFT ?= swift
PYTHON ?= python3
APT_PACKAGES := libcmark-gfm-dev libcmark-gfm-extensions-dev
# A real SCIM server for the end-to-end tests of `runbook verify`, from PyPI.
SCIM2_SERVER := scim2-server==0.8.3
VENV := .venv
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
RELEASE_FLAGS := -c release --static-swift-stdlib
RELEASE_BIN = $(shell $(SWIFT) build $(RELEASE_FLAGS) --show-bin-path)

.PHONY: all deps test-deps build run test install uninstall clean

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

# What only the tests need: openssl for a throwaway CA, and scim2-server in a virtual environment.
test-deps: deps $(VENV)/bin/scim2-server
	@command -v openssl >/dev/null || { $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq openssl >/dev/null; }

$(VENV)/bin/scim2-server:
	$(PYTHON) -m venv $(VENV) || { $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq python3-venv >/dev/null && $(PYTHON) -m venv $(VENV); }
	$(VENV)/bin/pip install --quiet --disable-pip-version-check "$(SCIM2_SERVER)"

# The shipped binary links the Swift runtime statically: it starts in a few milliseconds
# instead of about 13 (DESIGN.md).
build: deps
	$(SWIFT) build $(RELEASE_FLAGS) --product runbook

run: build
	@SOURCE_DATE_EPOCH=$${SOURCE_DATE_EPOCH:-$$(date +%s)} "$(RELEASE_BIN)/runbook" render
	@echo "Open runbook-out/16f982b7-17fa-4c6c-a17b-9e7e018d42c0/runbook.html in a browser,"
	@echo "or render a customer's: $(RELEASE_BIN)/runbook render '<callback URL>' --customer '<name>'"

test: test-deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

install: build
	install -d "$(DESTDIR)$(PREFIX)/bin" "$(DESTDIR)$(PREFIX)/share/runbook"
	install -m 755 "$(RELEASE_BIN)/runbook" "$(DESTDIR)$(PREFIX)/bin/runbook"
	rm -rf "$(DESTDIR)$(PREFIX)/share/runbook/Templates"
	cp -R Templates "$(DESTDIR)$(PREFIX)/share/runbook/Templates"
	@echo "Installed $(DESTDIR)$(PREFIX)/bin/runbook and its templates in $(DESTDIR)$(PREFIX)/share/runbook/Templates"

uninstall:
	rm -f "$(DESTDIR)$(PREFIX)/bin/runbook"
	rm -rf "$(DESTDIR)$(PREFIX)/share/runbook"

clean:
	rm -rf .build runbook-out $(VENV)
