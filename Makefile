# descent — hand-written Makefile.
# The pure core (src/*.c) becomes libdescent.a; front ends (src/front/*.c) link it with
# ncursesw and readline into ./descent. Tests, fuzzers and benchmarks link the same library.

CC       ?= cc
PREFIX   ?= /usr/local
BINDIR   ?= $(PREFIX)/bin
DATADIR  ?= $(PREFIX)/share/descent
MANDIR   ?= $(PREFIX)/share/man
LOCALEDIR ?= $(PREFIX)/share/locale
BASHCOMPDIR ?= $(PREFIX)/share/bash-completion/completions
BUILD    ?= build
OPT      ?= -O2 -g
WARN     := -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes
ifeq ($(CI),true)
WARN     += -Werror
endif
CFLAGS   ?=
CPPFLAGS += -Iinclude -D_DEFAULT_SOURCE -DDESCENT_DATADIR='"$(DATADIR)"' -DDESCENT_LOCALEDIR='"$(LOCALEDIR)"'
# Every object also writes BUILD/.../NAME.d: the headers it included (-MMD), each with an
# empty rule (-MP) so a deleted header does not stop the build. Touching one header then
# rebuilds only the files that include it.
DEPFLAGS := -MMD -MP
ALLCFLAGS = -std=c11 -pthread $(OPT) $(WARN) $(SAN) $(CFLAGS)

VERSION  := 0.1.0
SANFLAGS := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all

# ncursesw, readline, cairo and fontconfig through pkg-config. Deferred (=), not immediate: when they
# are missing, $(BUILD)/.deps-ok runs scripts/install-deps first, and the flags must be
# read after that.
UI_PKGS   := ncursesw readline cairo fontconfig
UI_CFLAGS  = $(shell pkg-config --cflags $(UI_PKGS) 2>/dev/null)
UI_LIBS    = $(shell pkg-config --libs $(UI_PKGS) 2>/dev/null)

CORE_SRC  := $(sort $(wildcard src/*.c))
FRONT_SRC := $(sort $(wildcard src/front/*.c))
CORE_OBJ  := $(CORE_SRC:src/%.c=$(BUILD)/core/%.o)
FRONT_OBJ := $(FRONT_SRC:src/front/%.c=$(BUILD)/front/%.o)
# The figure exporter (cairo): a back end linked into the program only, never the core.
EXPORT_SRC := $(sort $(wildcard src/export/*.c))
EXPORT_OBJ := $(EXPORT_SRC:src/export/%.c=$(BUILD)/export/%.o)
LIB       := $(BUILD)/libdescent.a
UNIT_SRC  := $(sort $(wildcard tests/unit/test_*.c))
UNIT_BIN  := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)
# Message catalogues: po/LANG.po compiled into the build tree, where a build's descent
# (and its unit tests) find them; `make install` copies them to $(LOCALEDIR).
PO_FILES  := $(sort $(wildcard po/*.po))
PO_LANGS  := $(PO_FILES:po/%.po=%)
MO_FILES  := $(PO_LANGS:%=$(BUILD)/locale/%/LC_MESSAGES/descent.mo)
BENCH_SRC := $(sort $(wildcard bench/*.c))
BENCH_BIN := $(BENCH_SRC:bench/%.c=$(BUILD)/bench/%)

.PHONY: all run check unit asan portable lint bench fuzz install uninstall clean format docs pot

all: descent

descent: $(BUILD)/descent
	cp -f $< $@

$(BUILD)/descent: $(FRONT_OBJ) $(EXPORT_OBJ) $(LIB) $(MO_FILES) | $(BUILD)/.deps-ok
	$(CC) $(ALLCFLAGS) -o $@ $(FRONT_OBJ) $(EXPORT_OBJ) $(LIB) $(UI_LIBS) -lm

# A fresh machine: install what is missing (scripts/install-deps says what it runs).
$(BUILD)/.deps-ok:
	@mkdir -p $(BUILD)
	@pkg-config --exists $(UI_PKGS) 2>/dev/null && command -v msgfmt >/dev/null 2>&1 || scripts/install-deps
	@pkg-config --exists $(UI_PKGS) 2>/dev/null || { echo "descent: still missing one of: $(UI_PKGS) (pkg-config)"; exit 1; }
	@command -v msgfmt >/dev/null 2>&1 || { echo "descent: still missing msgfmt (gettext)"; exit 1; }
	@touch $@

$(LIB): $(CORE_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(BUILD)/core/%.o: src/%.c
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(DEPFLAGS) -D_XOPEN_SOURCE=700 $(ALLCFLAGS) -c -o $@ $<

$(BUILD)/front/%.o: src/front/%.c | $(BUILD)/.deps-ok
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(DEPFLAGS) $(UI_CFLAGS) $(ALLCFLAGS) -c -o $@ $<

$(BUILD)/export/%.o: src/export/%.c | $(BUILD)/.deps-ok
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(DEPFLAGS) $(UI_CFLAGS) $(ALLCFLAGS) -c -o $@ $<

# --check: a translation whose printf directives differ from the English is an error.
$(BUILD)/locale/%/LC_MESSAGES/descent.mo: po/%.po | $(BUILD)/.deps-ok
	@mkdir -p $(dir $@)
	msgfmt --check -o $@ $<

# po/descent.pot from every marked message (_, N_, P_, and the format of an error; fail,
# perr and problem are the lesson parser's, conditions' and checker's error helpers),
# merged into each po/LANG.po so translators see what is new or changed.
XGETTEXT_FLAGS := --from-code=UTF-8 --language=C --add-comments=TRANSLATORS -k_ -kN_ -kP_:1,2 \
    -kds_err_set:3 -kds_err_at:5 -kexpr_fail:4 -kcmd_usage_error:3 -kstop:3 \
    -kfail:3 -kperr:2 -kproblem:3 -kvocab_unknown_name:3 -kvocab_unknown_name:4 \
    --flag=ds_err_set:3:c-format --flag=ds_err_at:5:c-format --flag=expr_fail:4:c-format \
    --flag=cmd_usage_error:3:c-format --flag=stop:3:c-format --flag=fail:3:c-format \
    --flag=perr:2:c-format --flag=vocab_unknown_name:3:c-format \
    --flag=vocab_unknown_name:4:c-format \
    --package-name=descent --package-version=$(VERSION) --msgid-bugs-address= --sort-by-file
pot:
	@xgettext $(XGETTEXT_FLAGS) -o po/descent.pot $(CORE_SRC) $(FRONT_SRC) $(EXPORT_SRC) $(wildcard src/*.h src/front/*.h)
	@for p in $(PO_FILES); do msgmerge --quiet --update --backup=none --no-fuzzy-matching $$p po/descent.pot; done

$(BUILD)/tests/%: tests/unit/%.c $(LIB) $(MO_FILES)
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(DEPFLAGS) -Itests $(ALLCFLAGS) -pthread -o $@ $< $(LIB) -lm

$(BUILD)/bench/%: bench/%.c $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(DEPFLAGS) $(ALLCFLAGS) -O2 -o $@ $< $(LIB) -lm

# The header lists written by -MMD (none before the first build: then everything builds).
-include $(wildcard $(BUILD)/core/*.d $(BUILD)/front/*.d $(BUILD)/export/*.d $(BUILD)/tests/*.d $(BUILD)/bench/*.d)

run: descent
	./descent

# Everything: unit tests, batch end-to-end tests, screen tests under tmux, lesson
# checks, and the garbage-input test under ASan/UBSan. Ends with "N passed, N failed".
check: descent $(UNIT_BIN)
	@command -v tmux >/dev/null 2>&1 || scripts/install-deps
	@$(MAKE) --no-print-directory BUILD=build/asan SAN="$(SANFLAGS)" OPT="-O1 -g" build/asan/tests/test_garbage
	@BUILD=$(BUILD) tests/run.sh

unit: $(UNIT_BIN)
	@BUILD=$(BUILD) ONLY=unit tests/run.sh

# All unit and batch tests with AddressSanitizer + UndefinedBehaviorSanitizer.
asan:
	@$(MAKE) --no-print-directory BUILD=build/asan SAN="$(SANFLAGS)" OPT="-O1 -g" build/asan/descent $(UNIT_SRC:tests/unit/%.c=build/asan/tests/%)
	@BUILD=build/asan NO_TUI=1 tests/run.sh

# The sweep workers with a reader on another thread, under ThreadSanitizer.
tsan:
	@$(MAKE) --no-print-directory BUILD=build/tsan SAN="-fsanitize=thread" OPT="-O1 -g" build/tsan/tests/test_sweep
	@TSAN_OPTIONS=halt_on_error=1 build/tsan/tests/test_sweep

bench: $(BENCH_BIN) descent
	@for b in $(BENCH_BIN); do $$b || exit 1; done

# libFuzzer, one target per tests/fuzz/fuzz_NAME.c: `make fuzz-NAME` builds and runs one for
# FUZZ_SECONDS (default 60), seeded from tests/fuzz/seeds/NAME_*; `make fuzz` runs them all
# in turn. Targets link the core library and the batch front end without the screen (for
# fuzz_batch, the whole batch path).
FUZZ_SECONDS ?= 60
FUZZ_SRC   := $(sort $(wildcard tests/fuzz/fuzz_*.c))
FUZZ_NAMES := $(FUZZ_SRC:tests/fuzz/fuzz_%.c=%)
FUZZ_FRONT := src/front/batch.c src/front/front_cmd.c src/front/record.c $(EXPORT_SRC)
.PHONY: $(FUZZ_NAMES:%=fuzz-%)
fuzz:
	@set -e; for n in $(FUZZ_NAMES); do $(MAKE) --no-print-directory fuzz-$$n; done

$(FUZZ_NAMES:%=fuzz-%): fuzz-%: tests/fuzz/fuzz_%.c | $(BUILD)/.deps-ok
	@$(MAKE) --no-print-directory CC=clang BUILD=build/fuzz SAN="-fsanitize=fuzzer-no-link,address,undefined" OPT="-O1 -g" build/fuzz/libdescent.a
	@echo "== fuzz_$* ($(FUZZ_SECONDS) s)"
	clang $(CPPFLAGS) -std=c11 -O1 -g -fsanitize=fuzzer,address,undefined -o build/fuzz/fuzz_$* \
	    $(UI_CFLAGS) $< $(FUZZ_FRONT) build/fuzz/libdescent.a $(UI_LIBS) -lm -lutil
	@mkdir -p build/fuzz/corpus_$*
	@cp -n tests/fuzz/seeds/$*_* tests/fuzz/seeds/seed_$*_* build/fuzz/corpus_$*/ 2>/dev/null || true
	build/fuzz/fuzz_$* -max_total_time=$(FUZZ_SECONDS) -max_len=4096 -timeout=10 \
	    -rss_limit_mb=2048 build/fuzz/corpus_$*

install: descent
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(DATADIR)/lessons $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(BASHCOMPDIR)
	install -m 755 descent $(DESTDIR)$(BINDIR)/descent
	@if ls lessons/*.lesson >/dev/null 2>&1; then cp -R lessons/. $(DESTDIR)$(DATADIR)/lessons/; fi
	install -m 644 descent.1 $(DESTDIR)$(MANDIR)/man1/descent.1
	install -m 644 completion/descent.bash $(DESTDIR)$(BASHCOMPDIR)/descent
	@for l in $(PO_LANGS); do \
	    install -d $(DESTDIR)$(LOCALEDIR)/$$l/LC_MESSAGES && \
	    install -m 644 $(BUILD)/locale/$$l/LC_MESSAGES/descent.mo $(DESTDIR)$(LOCALEDIR)/$$l/LC_MESSAGES/descent.mo \
	    || exit 1; \
	done

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/descent $(DESTDIR)$(MANDIR)/man1/descent.1 $(DESTDIR)$(BASHCOMPDIR)/descent
	rm -f $(PO_LANGS:%=$(DESTDIR)$(LOCALEDIR)/%/LC_MESSAGES/descent.mo)
	rm -rf $(DESTDIR)$(DATADIR)

# Regenerate README's and the man page's command reference from the command table.
docs: descent
	@python3 tests/readme_reference.py --write

# The C sources the formatter and the linter look at.
LINT_SRC := $(wildcard src/*.c src/*.h src/front/*.c src/front/*.h src/export/*.c src/export/*.h \
              include/descent/*.h tests/*.h tests/unit/*.c tests/fuzz/*.c bench/*.c)

format:
	clang-format -i $(LINT_SRC)

# What CI checks besides the tests: every file formatted as .clang-format says, and
# cppcheck silent. cppcheck reads the portable VM (DESCENT_PORTABLE_VM): it cannot parse
# the computed gotos of the threaded one. A false positive is suppressed inline
# (// cppcheck-suppress ID, with the reason), never here.
lint:
	@echo "clang-format --dry-run --Werror: $(words $(LINT_SRC)) files"
	@clang-format --dry-run --Werror $(LINT_SRC)
	cppcheck -q -j2 --std=c11 --enable=warning,portability,performance --inline-suppr \
	    --error-exitcode=1 -DDESCENT_PORTABLE_VM -Iinclude -Isrc -Isrc/front -Itests \
	    src tests/unit tests/fuzz bench

# The plain C11 switch loop of the formula VM instead of the threaded one (what compilers
# other than GCC and Clang get), built in build/portable and run through every test that
# needs no screen.
portable:
	@$(MAKE) --no-print-directory BUILD=build/portable CFLAGS="$(CFLAGS) -DDESCENT_PORTABLE_VM" \
	    build/portable/descent $(UNIT_SRC:tests/unit/%.c=build/portable/tests/%)
	@BUILD=build/portable NO_TUI=1 tests/run.sh

clean:
	rm -rf build descent
