# kyojin — build, test, demo.
# `make demo` and `make test` install the Debian packages they need (as root) first.

CC      ?= cc
# libcrypto: SHA-256 of declarations and of the policy set (core/util/sha256.c)
PKGS    := lua5.4 libcjson libcrypto
CFLAGS  ?= -O2
# -Wno-format-truncation: messages are cut to fixed buffers on purpose.
WARN    := -std=c11 -Wall -Wextra -Werror -Wno-format-truncation
CPPFLAGS += -Icore $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
LDLIBS  += $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lm
# the XLSX writer (libxlsxwriter) and kyojin verify reading XLSX reports (zlib).
LDLIBS  += -lxlsxwriter -lz

# core/<subsystem>/*.c (docs/dev/architecture.md); objects in $(BUILD)/obj/<subsystem>/
CORE_SRC := $(filter-out core/cli/main.c,$(wildcard core/*/*.c))
CORE_HDR := $(wildcard core/*/*.h)
BUILD    ?= build
CORE_OBJ := $(patsubst core/%.c,$(BUILD)/obj/%.o,$(CORE_SRC))

DEB_PKGS := build-essential pkg-config liblua5.4-dev libcjson-dev libcmocka-dev libssl-dev
# report writers
DEB_PKGS += libxlsxwriter-dev zlib1g-dev

.PHONY: all demo test test-asan deps test-deps clean unit-tests fuzz bench

BIN ?= kyojin

all: $(BIN)

deps:
	@missing=""; for p in $(DEB_PKGS); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	  else echo "run as root or install:$$missing" >&2; exit 1; fi; \
	fi

$(BUILD)/obj/%.o: core/%.c $(CORE_HDR) | $(BUILD)
	@mkdir -p $(dir $@)
	$(CC) $(WARN) $(CFLAGS) $(CPPFLAGS) -c $< -o $@

$(BUILD):
	mkdir -p $(BUILD)

$(BIN): $(CORE_OBJ) $(BUILD)/obj/cli/main.o $(BUILD)/bundle_data.o
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS)

# The precompiled bundle (core/engine/bundle.h, docs/dev/startup.md): every policy under policies/
# and every module under lua/ compiled by tools/mkbundle.c with the Lua library kyojin links,
# keyed by the SHA-256 of its source; linked into kyojin only. Rebuilt when a source, or a
# directory (a file added or removed), changes; a stale entry is never used (hash mismatch).
BUNDLE_SRC := $(shell find policies lua -name '*.lua' -o -type d 2>/dev/null)
$(BUILD)/mkbundle: tools/mkbundle.c $(CORE_OBJ) $(CORE_HDR) | $(BUILD)
	$(CC) $(WARN) $(CFLAGS) $(CPPFLAGS) $(LDFLAGS) -o $@ tools/mkbundle.c $(CORE_OBJ) $(LDLIBS)
$(BUILD)/bundle_data.c: $(BUILD)/mkbundle $(BUNDLE_SRC)
	$(BUILD)/mkbundle $@ policies lua
$(BUILD)/bundle_data.o: $(BUILD)/bundle_data.c core/engine/bundle.h
	$(CC) $(WARN) $(CFLAGS) $(CPPFLAGS) -c $< -o $@

# deps first, then a fresh make so that pkg-config sees the packages just installed
demo: deps
	@$(MAKE) --no-print-directory kyojin
	./kyojin check samples/gaps-village.json; test $$? -le 1

# Tools the test suite needs beyond the build: installed only when the command is missing.
TEST_TOOLS := lua5.4:lua5.4 node:nodejs npm:npm
test-deps:
	@missing=""; for t in $(TEST_TOOLS); do command -v $${t%%:*} >/dev/null 2>&1 || missing="$$missing $${t#*:}"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	  else echo "run as root or install:$$missing" >&2; exit 1; fi; \
	fi
	@python3 -c 'import openpyxl' 2>/dev/null || /usr/bin/python3 -c 'import openpyxl' 2>/dev/null || \
	  { echo "installing: python3-openpyxl (tests/suites/utf8.sh)"; \
	    if [ "$$(id -u)" = 0 ]; then DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-openpyxl >/dev/null; \
	    else echo "run as root or install: python3-openpyxl" >&2; exit 1; fi; }

test: deps test-deps
	@$(MAKE) --no-print-directory kyojin
	@BUILD=$(BUILD) CFLAGS="$(CFLAGS)" tests/run.sh

ASAN_CFLAGS := -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer
ASAN_LDFLAGS := -fsanitize=address,undefined

# The whole suite again with AddressSanitizer and UndefinedBehaviorSanitizer.
test-asan: deps test-deps
	$(MAKE) BUILD=build-asan BIN=build-asan/kyojin CFLAGS="$(ASAN_CFLAGS)" LDFLAGS="$(ASAN_LDFLAGS)" build-asan/kyojin
	ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
	  KYOJIN_HOME=$(CURDIR) KYOJIN=build-asan/kyojin BUILD=build-asan CFLAGS="$(ASAN_CFLAGS)" LDFLAGS="$(ASAN_LDFLAGS)" tests/run.sh

# unit tests of the report writers (need -Icore; run by tests/suites/unit.sh) and the
# render driver of tests/reports (run by tests/suites/reports.sh).
# The writers read their domain words from lua/kyojin/vocab.lua through the trusted Lua runtime
# (report/report_vocab_load.o and the sandbox it runs in), not the rest of the engine.
REPORT_OBJ := $(addprefix $(BUILD)/obj/,report/report_html.o report/report_csv.o report/report_xlsx.o report/report_escape.o report/report_labels.o report/report_tables.o report/report_vocab.o report/report_vocab_load.o util/sha256.o \
  engine/sandbox.o engine/bundle.o engine/patterns.o engine/tablemove.o engine/mtguard.o engine/timelimit.o input/luaconv.o util/fileio.o util/utf8.o)
$(BUILD)/test_report_%: tests/unit/test_report_%.c $(REPORT_OBJ) | $(BUILD)
	$(CC) $(WARN) $(CFLAGS) $(CPPFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS) -lcmocka
$(BUILD)/report-render: tests/reports/render.c $(REPORT_OBJ) | $(BUILD)
	$(CC) $(WARN) $(CFLAGS) $(CPPFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS)
unit-reports: $(BUILD)/test_report_html $(BUILD)/test_report_csv $(BUILD)/test_report_vocab $(BUILD)/report-render
.PHONY: unit-reports

# every libFuzzer harness (fuzz/fuzz_*.c) under ASan/UBSan for FUZZ_SECONDS each.
FUZZ_SECONDS ?= 60
fuzz:
	FUZZ_SECONDS=$(FUZZ_SECONDS) fuzz/run.sh

clean:
	rm -rf build build-asan build-fuzz kyojin tests/artifacts

# cmocka unit tests: every tests/unit/test_*.c linked with the core objects.
UNIT_SRC := $(wildcard tests/unit/test_*.c)
UNIT_BIN := $(patsubst tests/unit/%.c,$(BUILD)/%,$(UNIT_SRC))
UNIT_LIBS := $(LDLIBS) $(shell pkg-config --libs cmocka 2>/dev/null)

$(BUILD)/test_%: tests/unit/test_%.c $(CORE_OBJ)
	$(CC) $(WARN) $(CFLAGS) $(CPPFLAGS) $(LDFLAGS) -o $@ $< $(CORE_OBJ) $(UNIT_LIBS)
# the bundle's own test also links the generated bundle
$(BUILD)/test_bundle: tests/unit/test_bundle.c $(CORE_OBJ) $(BUILD)/bundle_data.o
	$(CC) $(WARN) $(CFLAGS) $(CPPFLAGS) $(LDFLAGS) -o $@ $< $(CORE_OBJ) $(BUILD)/bundle_data.o $(UNIT_LIBS)

unit-tests: $(UNIT_BIN)

# Benchmarks (issue 9): not part of `make test`; installs what it needs; writes bench/results.{md,json}.
bench: deps kyojin
	bench/run.sh
