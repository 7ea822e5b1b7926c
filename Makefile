# kyojin — build, test, demo.
# `make demo` and `make test` install what they need first (tests/deps.sh; Debian packages as root).

CC      ?= cc
# libcrypto: SHA-256 of declarations and of the policy set (core/util/sha256.c)
PKGS    := lua5.4 libcjson libcrypto
CFLAGS  ?= -O2
# -Wno-format-truncation: messages are cut to fixed buffers on purpose.
WARN    := -std=c11 -Wall -Wextra -Werror -Wno-format-truncation
CPPFLAGS += -Icore $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
LDLIBS  += $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lm
# the XLSX writer (libxlsxwriter), kyojin verify reading XLSX reports and the declaration
# workbook reader (zlib; expat for its XML: core/input/xlsx_read.c).
LDLIBS  += -lxlsxwriter -lz -lexpat

# core/<subsystem>/*.c (docs/dev/architecture.md); objects in $(BUILD)/obj/<subsystem>/
# core/cli (the command line) links into kyojin only.
CORE_SRC := $(filter-out core/cli/%.c,$(wildcard core/*/*.c))
CORE_HDR := $(wildcard core/*/*.h)
BUILD    ?= build
CORE_OBJ := $(patsubst core/%.c,$(BUILD)/obj/%.o,$(CORE_SRC))
CLI_OBJ  := $(patsubst core/%.c,$(BUILD)/obj/%.o,$(wildcard core/cli/*.c))

.PHONY: all demo test test-asan deps test-deps clean unit-tests fuzz bench bench-soak bench-national docs install

BIN ?= kyojin
PREFIX ?= /usr/local
DESTDIR ?=

all: $(BIN) docs

# Every install step is tests/deps.sh's: `build` the packages to build kyojin, `test` those
# and every test dependency (Debian packages as root, the npm packages of the validators).
deps:
	@tests/deps.sh build

$(BUILD)/obj/%.o: core/%.c $(CORE_HDR) | $(BUILD)
	@mkdir -p $(dir $@)
	$(CC) $(WARN) $(CFLAGS) $(CPPFLAGS) -c $< -o $@

$(BUILD):
	mkdir -p $(BUILD)

$(BIN): $(CORE_OBJ) $(CLI_OBJ) $(BUILD)/bundle_data.o
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS)

# The man pages (English and Japanese) and the bash completion, rendered by kyojin itself from
# its command table (core/cli/commands.c): never written by hand.
DOCS := $(BUILD)/man/man1/kyojin.1 $(BUILD)/man/ja/man1/kyojin.1 $(BUILD)/completion/kyojin
docs: $(DOCS)
$(BUILD)/man/man1/kyojin.1: $(BIN)
	@mkdir -p $(dir $@)
	$(abspath $(BIN)) __man --lang en >$@.tmp && mv $@.tmp $@
$(BUILD)/man/ja/man1/kyojin.1: $(BIN)
	@mkdir -p $(dir $@)
	$(abspath $(BIN)) __man --lang ja >$@.tmp && mv $@.tmp $@
$(BUILD)/completion/kyojin: $(BIN)
	@mkdir -p $(dir $@)
	$(abspath $(BIN)) __completion bash >$@.tmp && mv $@.tmp $@

# make install PREFIX=DIR: the binary (it carries the policy pack and the Lua runtime in its
# bundle), the policies and the runtime as sources beside it, the man pages, the completion.
install: $(BIN) docs
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1 \
	  $(DESTDIR)$(PREFIX)/share/man/ja/man1 $(DESTDIR)$(PREFIX)/share/bash-completion/completions
	install -m 755 $(BIN) $(DESTDIR)$(PREFIX)/bin/kyojin
	install -m 644 $(BUILD)/man/man1/kyojin.1 $(DESTDIR)$(PREFIX)/share/man/man1/kyojin.1
	install -m 644 $(BUILD)/man/ja/man1/kyojin.1 $(DESTDIR)$(PREFIX)/share/man/ja/man1/kyojin.1
	install -m 644 $(BUILD)/completion/kyojin \
	  $(DESTDIR)$(PREFIX)/share/bash-completion/completions/kyojin

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

test-deps:
	@tests/deps.sh test

test: test-deps
	@$(MAKE) --no-print-directory kyojin web
	@BUILD=$(BUILD) CFLAGS="$(CFLAGS)" tests/run.sh

ASAN_CFLAGS := -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer
ASAN_LDFLAGS := -fsanitize=address,undefined

# The whole suite again with AddressSanitizer and UndefinedBehaviorSanitizer.
test-asan: test-deps
	$(MAKE) BUILD=build-asan BIN=build-asan/kyojin CFLAGS="$(ASAN_CFLAGS)" LDFLAGS="$(ASAN_LDFLAGS)" build-asan/kyojin
	ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
	  KYOJIN_HOME=$(CURDIR) KYOJIN=build-asan/kyojin BUILD=build-asan CFLAGS="$(ASAN_CFLAGS)" LDFLAGS="$(ASAN_LDFLAGS)" tests/run.sh

# unit tests of the report writers (need -Icore; run by tests/suites/unit.sh) and the
# render driver of tests/reports (run by tests/suites/reports.sh).
# The writers read their domain words from lua/kyojin/vocab.lua through the trusted Lua runtime
# (report/report_vocab_load.o and the sandbox it runs in), not the rest of the engine.
REPORT_OBJ := $(addprefix $(BUILD)/obj/,report/report_html.o report/report_csv.o report/report_xlsx.o report/report_escape.o report/report_labels.o report/report_tables.o report/report_vocab.o report/report_vocab_load.o util/sha256.o \
  engine/sandbox.o engine/bundle.o engine/patterns.o engine/tablemove.o engine/mtguard.o engine/timelimit.o input/luaconv.o util/fileio.o util/strutil.o util/atomic_out.o util/dirlist.o util/utf8.o util/jsonout.o)
$(BUILD)/test_report_%: tests/unit/test_report_%.c $(REPORT_OBJ) | $(BUILD)
	$(CC) $(WARN) $(CFLAGS) $(CPPFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS) -lcmocka
$(BUILD)/report-render: tests/reports/render.c $(REPORT_OBJ) | $(BUILD)
	$(CC) $(WARN) $(CFLAGS) $(CPPFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS)
unit-reports: $(BUILD)/test_report_html $(BUILD)/test_report_csv $(BUILD)/test_report_vocab $(BUILD)/report-render
.PHONY: unit-reports

# every libFuzzer harness (fuzz/fuzz_*.c) under ASan/UBSan for FUZZ_SECONDS each.
FUZZ_SECONDS ?= 60
fuzz: $(BUILD)/bundle_data.c
	FUZZ_SECONDS=$(FUZZ_SECONDS) FUZZ_BUNDLE=$(BUILD)/bundle_data.c fuzz/run.sh

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

# The self-contained page build/kyojin.html (issue 16, docs/dev/web.md): the engine, Lua and
# cJSON built to WebAssembly with Debian's emscripten from Debian's source packages
# (web/sources.sh unpacks them under build/web/src), and the editor. Not part of `all`.
web:
	@tests/deps.sh web
	@web/sources.sh build/web/src
	@$(MAKE) --no-print-directory -f web/web.mk
.PHONY: web

# the soak test alone (issue 19): 20,000 declarations, --jobs 2, a hostile policy; into bench/results.md
bench-soak: deps kyojin
	bench/run.sh soak

# the national batch per output format alone (issue 18): check with every format, --jobs 1
# and 2, and summary over the 1,788 generated bodies; into bench/results.md
bench-national: deps kyojin
	bench/run.sh national
