# tests/fuzz/fuzz.mk: libFuzzer targets against the core on the fake arch (clang, ASan,
# UBSan).
#
#   make -f tests/fuzz/fuzz.mk                 build every target
#   make -f tests/fuzz/fuzz.mk run             run each for $(FUZZ_SECONDS) seconds
#   make -f tests/fuzz/fuzz.mk list            print the target names
#
# A target is a directory tests/fuzz/<name>/ with target.c (LLVMFuzzerTestOneInput) and,
# optionally, seeds.c: a host program that writes a seed corpus into the directory named by
# its first argument (further arguments: existing files it may wrap as seeds, currently the
# guest images of both arches when they are built). Dropping in a directory adds a target.
# Files in tests/fuzz/common/ are linked into every target and every seed program.
#
# A target may instead run another target's target.c over a real page-table format: its
# directory holds format.mk, setting <name>_MAIN (the target.c to build), <name>_FORMAT_ARCH
# and <name>_FORMAT_SRCS (arch/<arch>/pt_format.c and an adapter implementing arch/pt.h's
# format primitives over it), which replace the fake format (FAKE_FORMAT_SRCS); those
# sources see arch/<arch>/include instead of the fake arch's headers. <name>_SEEDS may name
# another target's seeds.c to share its corpus.
#
# A target may also test pure arch code that is not a page-table format (no globals, no
# arch_* names): its format.mk sets <name>_ARCH and <name>_ARCH_SRCS (e.g.
# arch/x86/ptwr_insn.c), which are built like format sources (arch/<arch>/include ahead of
# core/include) and linked beside the fake format; the target's main file finds that arch's
# headers after the fake arch's.
#
# `run` prints "fuzz: <name>: passed" or "fuzz: <name>: FAILED ..." per target (tools/run-tests
# counts these), keeps going after a failure, and exits non-zero if any target failed. A
# crashing input is kept under build/host/fuzz/<name>/artifacts/ for reproduction:
#   build/host/fuzz/<name>/fuzz-<name> build/host/fuzz/<name>/artifacts/crash-...

include tests/unit/fake/fake.mk

O := build/host/fuzz
CC := clang
FUZZ_SECONDS ?= 20
FUZZ_FLAGS ?= -timeout=10 -rss_limit_mb=4096 -print_final_stats=1

SANITIZE := -fsanitize=address,undefined -fno-sanitize-recover=all
CFLAGS := -std=gnu11 -g -O1 -fno-omit-frame-pointer -fno-common -MMD -MP
LIB_CFLAGS := $(CFLAGS) $(SANITIZE) -fsanitize=fuzzer-no-link
# core/lib (string routines, formatting) and the test support code are built without
# coverage feedback: their loops would only slow the fuzzers down (every frame the
# allocator zeroes is a 4096-step memset; the audit walks every frame after every step).
LIB_NOCOV_CFLAGS := $(CFLAGS) $(SANITIZE)

TARGETS := $(sort $(patsubst tests/fuzz/%/,%,$(dir \
	$(wildcard tests/fuzz/*/target.c tests/fuzz/*/format.mk))))
-include $(wildcard tests/fuzz/*/format.mk)
COMMON_SRCS := $(wildcard tests/fuzz/common/*.c)
LIB_OBJS := $(patsubst %,$(O)/obj/%.o,$(HOST_CORE_SRCS) $(FAKE_SRCS) $(TEST_SUPPORT_SRCS) \
	$(COMMON_SRCS))
FAKE_FORMAT_OBJS := $(patsubst %,$(O)/obj/%.o,$(FAKE_FORMAT_SRCS))
LIB_OBJS_NO_FORMAT := $(filter-out $(FAKE_FORMAT_OBJS),$(LIB_OBJS))

# A target's main file, and the objects of its page-table format.
target_main = $(or $($(1)_MAIN),tests/fuzz/$(1)/target.c)
target_seeds = $(or $($(1)_SEEDS),$(wildcard tests/fuzz/$(1)/seeds.c))
target_format_objs = $(if $($(1)_FORMAT_SRCS),$(patsubst %,$(O)/fmt-$(1)/%.o,\
	$($(1)_FORMAT_SRCS)),$(FAKE_FORMAT_OBJS))
# Pure arch sources a target tests, compiled like format sources; the arch of both.
target_arch_objs = $(patsubst %,$(O)/fmt-$(1)/%.o,$($(1)_ARCH_SRCS))
target_arch = $(or $($(1)_FORMAT_ARCH),$($(1)_ARCH))
# Seed programs run without the core: they only write images.
SEED_LIB_OBJS := $(patsubst %,$(O)/seedobj/%.o,tests/unit/support/elf_build.c $(COMMON_SRCS))
GUEST_IMAGES = $(wildcard build/x86/guests/*.elf build/x86/guests/tests/*.elf \
	build/arm64/guests/*.elf build/arm64/guests/tests/*.elf)

target_bin = $(O)/$(1)/fuzz-$(1)
seed_bin = $(O)/$(1)/make-seeds

.PHONY: all run list
all: $(foreach t,$(TARGETS),$(call target_bin,$(t)))

list:
	@echo $(TARGETS)

# Each target's seeds are regenerated on every run (the guest images may have changed).
run: all $(foreach t,$(TARGETS),$(if $(call target_seeds,$(t)),$(call seed_bin,$(t))))
	@failed=0; \
	for t in $(TARGETS); do \
		dir=$(O)/$$t; \
		mkdir -p $$dir/corpus $$dir/seeds $$dir/artifacts; \
		if [ -x $$dir/make-seeds ]; then \
			$$dir/make-seeds $$dir/seeds $(GUEST_IMAGES) || { \
				echo "fuzz: $$t: FAILED (seed generation)"; failed=1; continue; }; \
		fi; \
		echo "  FUZZ  $$t for $(FUZZ_SECONDS) s"; \
		if $$dir/fuzz-$$t -max_total_time=$(FUZZ_SECONDS) $(FUZZ_FLAGS) \
			-artifact_prefix=$$dir/artifacts/ $$dir/corpus $$dir/seeds \
			> $$dir/fuzz.log 2>&1; then \
			tail -n 12 $$dir/fuzz.log | grep -E '^(stat::number_of_executed_units|#[0-9]+.*DONE)' ; \
			echo "fuzz: $$t: passed"; \
		else \
			tail -n 60 $$dir/fuzz.log; \
			echo "fuzz: $$t: FAILED (log $$dir/fuzz.log, input in $$dir/artifacts/)"; \
			failed=1; \
		fi; \
	done; \
	exit $$failed

# target_rules(name): the fuzzer binary, its format objects when it brings a real format,
# and, if the target has seeds, its seed program.
define target_rules
$(call target_bin,$(1)): $(call target_main,$(1)) $(LIB_OBJS_NO_FORMAT) \
		$(call target_format_objs,$(1)) $(call target_arch_objs,$(1))
	@mkdir -p $$(dir $$@)
	@echo "  LD    $$@"
	@$(CC) $(CFLAGS) $(SANITIZE) -fsanitize=fuzzer $(HOST_WARNINGS) $(HOST_CPPFLAGS) \
		$(if $($(1)_ARCH_SRCS),-Iarch/$($(1)_ARCH)/include) \
		-Itests/fuzz/common -o $$@ $$< $(LIB_OBJS_NO_FORMAT) $(call target_format_objs,$(1)) \
		$(call target_arch_objs,$(1)) $(HOST_CORE_LDLIBS)

$(patsubst %,$(O)/fmt-$(1)/%.o,$($(1)_FORMAT_SRCS) $($(1)_ARCH_SRCS)): $(O)/fmt-$(1)/%.c.o: %.c
	@mkdir -p $$(dir $$@)
	@echo "  CC    $$< ($(1))"
	@$(CC) $(LIB_CFLAGS) $(HOST_CORE_WARNINGS) -Iarch/$(call target_arch,$(1))/include \
		-Icore/include -include tests/unit/fake/include/host_names.h -c $$< -o $$@

$(call seed_bin,$(1)): $(call target_seeds,$(1)) $(SEED_LIB_OBJS)
	@mkdir -p $$(dir $$@)
	@echo "  LD    $$@"
	@$(CC) $(CFLAGS) $(HOST_WARNINGS) $(HOST_CPPFLAGS) -Itests/fuzz/common -o $$@ $$< \
		$(SEED_LIB_OBJS)
endef
$(foreach t,$(TARGETS),$(eval $(call target_rules,$(t))))

$(patsubst %,$(O)/obj/%.o,$(HOST_CORE_SRCS) $(FAKE_SRCS)): $(O)/obj/%.c.o: %.c
	@mkdir -p $(dir $@)
	@echo "  CC    $<"
	@$(CC) $(if $(filter core/lib/%,$<),$(LIB_NOCOV_CFLAGS),$(LIB_CFLAGS)) \
		$(HOST_CORE_WARNINGS) $(HOST_CORE_CPPFLAGS) -c $< -o $@

# Test support (the audit, image writers) is the checker, not the checked: no coverage.
$(patsubst %,$(O)/obj/%.o,$(TEST_SUPPORT_SRCS) $(COMMON_SRCS)): $(O)/obj/%.c.o: %.c
	@mkdir -p $(dir $@)
	@echo "  CC    $<"
	@$(CC) $(LIB_NOCOV_CFLAGS) $(HOST_WARNINGS) $(HOST_CPPFLAGS) -Itests/fuzz/common -c $< -o $@

$(SEED_LIB_OBJS): $(O)/seedobj/%.c.o: %.c
	@mkdir -p $(dir $@)
	@echo "  CC    $< (seeds)"
	@$(CC) $(CFLAGS) $(HOST_WARNINGS) $(HOST_CPPFLAGS) -Itests/fuzz/common -c $< -o $@

-include $(shell find $(O) -name '*.d' 2>/dev/null)
