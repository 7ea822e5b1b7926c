# web/web.mk — build/kyojin.html, the self-contained page (issue 16; docs/dev/web.md).
# Run by `make web` after web/sources.sh has unpacked the library sources under build/web/src
# (its wildcards need them). Compiler: Debian's emscripten (emcc); no -sUSE_* ports (they
# download). Everything is built under build/web; nothing here is committed.

EMCC    ?= emcc
export NODE_PATH ?= /usr/share/nodejs
# emscripten 3.1.6 loads wasm with fetch() when Node has it; the build tools run in Node
NODE    ?= node --no-experimental-fetch
W       := build/web
SRC     := $(W)/src
OUT     ?= build/kyojin.html
# the policy set bundled into the page, and where its bundle and engine go (tests/web/hostile.js
# builds a page with the hostile policies of tests/adversarial: POLICIES=DIR B=DIR OUT=FILE)
POLICIES ?= policies
B       ?= $(W)

LUA_SRC  := $(firstword $(wildcard $(SRC)/lua5.4-*/src))
CJSON    := $(firstword $(wildcard $(SRC)/cjson-*))
XLSX     := $(firstword $(wildcard $(SRC)/libxlsxwriter-*))
ZLIB     := $(firstword $(wildcard $(SRC)/zlib-*))
ifeq ($(LUA_SRC),)
$(error web/web.mk: no Lua sources under $(SRC): run `make web`, which fetches them)
endif

EMOPT   ?= -O2
WARN    := -std=c11 -Wall -Wextra -Werror
INC     := -Icore -Iweb/include -I$(W)/include -I$(LUA_SRC) -I$(CJSON) -I$(XLSX)/include -I$(ZLIB)

# the libraries, as their Debian builds configure them (Lua: LUA_COMPAT_5_3)
LUA_OBJ   := $(patsubst $(LUA_SRC)/%.c,$(W)/obj/lua/%.o,$(filter-out %/lua.c %/luac.c,$(wildcard $(LUA_SRC)/*.c)))
CJSON_OBJ := $(W)/obj/cjson/cJSON.o
ZLIB_OBJ  := $(patsubst $(ZLIB)/%.c,$(W)/obj/zlib/%.o,$(addprefix $(ZLIB)/,adler32.c compress.c crc32.c deflate.c inffast.c inflate.c inftrees.c trees.c uncompr.c zutil.c))
XLSX_OBJ  := $(patsubst $(XLSX)/%.c,$(W)/obj/xlsx/%.o,$(wildcard $(XLSX)/src/*.c) \
               $(addprefix $(XLSX)/third_party/,minizip/ioapi.c minizip/zip.c md5/md5.c tmpfileplus/tmpfileplus.c))
LIB_OBJ   := $(LUA_OBJ) $(CJSON_OBJ) $(ZLIB_OBJ) $(XLSX_OBJ)

# kyojin itself: every file of core/ but the command line's main (the page calls main through
# emscripten's callMain, one fresh instance per command line), and the web build's own files
# (core/audit/sign.c needs libcrypto and core/input/xlsx_read.c expat: the page answers those
# with web/native_only.c, which says the command line does them)
CORE_SRC  := $(filter-out core/cli/main.c core/audit/sign.c core/input/xlsx_read.c,$(wildcard core/*/*.c))
CORE_HDR  := $(wildcard core/*/*.h)
CORE_OBJ  := $(patsubst core/%.c,$(W)/obj/core/%.o,$(CORE_SRC))
MAIN_OBJ  := $(W)/obj/core/cli/main.o
WEB_OBJ   := $(W)/obj/web/sha256_web.o $(W)/obj/web/watchdog_web.o $(W)/obj/web/native_only.o

.PHONY: all
all: $(OUT)

$(W)/include/lua5.4-deb-multiarch.h:
	@mkdir -p $(dir $@)
	printf '#define DEB_HOST_MULTIARCH "wasm32-emscripten"\n' >$@
$(W)/include/cjson/cJSON.h: $(CJSON)/cJSON.h
	@mkdir -p $(dir $@)
	cp $< $@
HDRS := $(W)/include/lua5.4-deb-multiarch.h $(W)/include/cjson/cJSON.h

$(W)/obj/lua/%.o: $(LUA_SRC)/%.c $(HDRS)
	@mkdir -p $(dir $@)
	$(EMCC) $(EMOPT) -DLUA_COMPAT_5_3 -DLUA_USE_POSIX -I$(W)/include -c $< -o $@
$(W)/obj/cjson/%.o: $(CJSON)/%.c
	@mkdir -p $(dir $@)
	$(EMCC) $(EMOPT) -c $< -o $@
$(W)/obj/zlib/%.o: $(ZLIB)/%.c
	@mkdir -p $(dir $@)
	$(EMCC) $(EMOPT) -DHAVE_UNISTD_H -c $< -o $@
$(W)/obj/xlsx/%.o: $(XLSX)/%.c
	@mkdir -p $(dir $@)
	$(EMCC) $(EMOPT) -DNOCRYPT -DNOUNCRYPT -I$(XLSX)/include -I$(ZLIB) -c $< -o $@

$(W)/obj/core/%.o: core/%.c $(CORE_HDR) $(HDRS)
	@mkdir -p $(dir $@)
	$(EMCC) $(WARN) $(EMOPT) $(INC) -c $< -o $@
$(W)/obj/web/%.o: web/%.c $(CORE_HDR) $(HDRS) $(wildcard web/include/*/*.h)
	@mkdir -p $(dir $@)
	$(EMCC) $(WARN) $(EMOPT) $(INC) -c $< -o $@

# The precompiled bundle (core/engine/bundle.h) for this Lua: tools/mkbundle.c built to wasm
# and run by Node on the real files (NODERAWFS), so the chunks are wasm32 Lua bytecode.
BUNDLE_SRC := $(shell find $(POLICIES) lua -name '*.lua' -o -type d 2>/dev/null)
$(W)/mkbundle.js: tools/mkbundle.c $(CORE_OBJ) $(WEB_OBJ) $(LIB_OBJ)
	$(EMCC) $(WARN) $(EMOPT) $(INC) -sNODERAWFS=1 -sENVIRONMENT=node -sEXIT_RUNTIME=1 \
	  -sALLOW_MEMORY_GROWTH=1 -o $@ tools/mkbundle.c $(CORE_OBJ) $(WEB_OBJ) $(LIB_OBJ)
$(B)/bundle_data.c: $(W)/mkbundle.js $(BUNDLE_SRC)
	@mkdir -p $(dir $@)
	$(NODE) $(W)/mkbundle.js $@ $(POLICIES) lua
$(B)/obj/bundle_data.o: $(B)/bundle_data.c core/engine/bundle.h
	@mkdir -p $(dir $@)
	$(EMCC) $(WARN) $(EMOPT) $(INC) -c $< -o $@

# The engine: a factory (createKyojin) for a worker, and its wasm (inlined by web/assemble.js;
# the page compiles it once and hands the compiled module to every worker).
ENGINE_FLAGS := -sMODULARIZE=1 -sEXPORT_NAME=createKyojin \
  -sENVIRONMENT=worker -sALLOW_MEMORY_GROWTH=1 -sINITIAL_MEMORY=33554432 \
  -sEXIT_RUNTIME=1 -sINVOKE_RUN=0 -sFILESYSTEM=1 \
  -sEXPORTED_RUNTIME_METHODS=callMain,FS,ENV -sMINIFY_HTML=0
$(B)/kyojin-engine.wasm: $(B)/kyojin-engine.js
$(B)/kyojin-engine.js: $(CORE_OBJ) $(MAIN_OBJ) $(WEB_OBJ) $(LIB_OBJ) $(B)/obj/bundle_data.o
	$(EMCC) $(EMOPT) $(ENGINE_FLAGS) -o $@ $^

# The editor's schema: lua/kyojin/schema.lua as JSON, in its own order (web/schema_json.lua)
$(W)/schema.json: lua/kyojin/schema.lua web/schema_json.lua
	lua5.4 web/schema_json.lua lua/kyojin/schema.lua >$@.tmp && mv $@.tmp $@

# The page: web/page.html with the styles, scripts, engine and data inlined (web/assemble.js)
PAGE_SRC := $(wildcard web/*.html web/*.css web/*.js)
$(OUT): $(B)/kyojin-engine.js $(W)/schema.json $(PAGE_SRC) $(wildcard samples/*.json)
	$(NODE) web/assemble.js $(B)/kyojin-engine.js $(W)/schema.json $@
