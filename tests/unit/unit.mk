# tests/unit/unit.mk: the host unit tests (Criterion, ASan + UBSan) of the core on the
# fake arch.
#
#   make -f tests/unit/unit.mk          build build/host/unit/unit-tests
#   make -f tests/unit/unit.mk run      build and run it (CRITERION_ARGS=... to pass options,
#                                       e.g. CRITERION_ARGS="--filter=elf/*")
#
# Run from the repository root. Every tests/unit/*.c is a test file; the core, the fake arch
# (tests/unit/fake/) and the test support code (tests/unit/support/) are linked in. Real
# page-table formats and their tests join the same binary (arch_formats.mk). A sanitizer
# report aborts the test that caused it, and Criterion counts it as a crash.

include tests/unit/fake/fake.mk
include tests/unit/arch_formats.mk

O := build/host/unit
CC := gcc
SANITIZE := -fsanitize=address,undefined -fno-sanitize-recover=all
CFLAGS := -std=gnu11 -g -O1 -fno-omit-frame-pointer -fno-common $(SANITIZE) -MMD -MP
LDLIBS := -lcriterion $(HOST_CORE_LDLIBS)

TEST_SRCS := $(wildcard tests/unit/*.c)
CORE_OBJS := $(patsubst %,$(O)/%.o,$(HOST_CORE_SRCS) $(FAKE_SRCS))
TEST_OBJS := $(patsubst %,$(O)/%.o,$(TEST_SRCS) $(TEST_SUPPORT_SRCS))
FORMAT_SRC_OBJS := $(patsubst %,$(O)/%.o,$(UNIT_ARCH_FORMAT_SRCS))
FORMAT_TEST_OBJS := $(patsubst %,$(O)/%.o,$(wildcard tests/unit/arch/*/*.c))
BIN := $(O)/unit-tests

# The arch a format file belongs to: arch/<arch>/... or tests/unit/arch/<arch>/...
format_arch = $(if $(filter arch/%,$(1)),$(word 2,$(subst /, ,$(1))),$(word 4,$(subst /, ,$(1))))
format_cppflags = -Iarch/$(call format_arch,$(1))/include -Icore/include

# LeakSanitizer runs at the exit of each test's process; sanitizer reports are fatal.
export ASAN_OPTIONS ?= abort_on_error=1:detect_leaks=1
export UBSAN_OPTIONS ?= print_stacktrace=1:halt_on_error=1

.PHONY: all run
all: $(BIN)

run: $(BIN)
	@echo "  RUN   $(BIN)"
	@$(BIN) $(CRITERION_ARGS)

$(BIN): $(CORE_OBJS) $(TEST_OBJS) $(FORMAT_SRC_OBJS) $(FORMAT_TEST_OBJS)
	@echo "  LD    $@"
	@$(CC) $(CFLAGS) -o $@ $^ $(LDLIBS)

$(patsubst %,$(O)/%.o,$(HOST_CORE_SRCS) $(FAKE_SRCS)): $(O)/%.c.o: %.c
	@mkdir -p $(dir $@)
	@echo "  CC    $<"
	@$(CC) $(CFLAGS) $(HOST_CORE_WARNINGS) $(HOST_CORE_CPPFLAGS) -c $< -o $@

$(TEST_OBJS): $(O)/%.c.o: %.c
	@mkdir -p $(dir $@)
	@echo "  CC    $<"
	@$(CC) $(CFLAGS) $(HOST_WARNINGS) $(HOST_CPPFLAGS) -c $< -o $@

# Format sources are Ringo code: Ringo's string routines, as for the core.
$(FORMAT_SRC_OBJS): $(O)/%.c.o: %.c
	@mkdir -p $(dir $@)
	@echo "  CC    $<"
	@$(CC) $(CFLAGS) $(HOST_CORE_WARNINGS) $(call format_cppflags,$<) \
		-include tests/unit/fake/include/host_names.h -c $< -o $@

$(FORMAT_TEST_OBJS): $(O)/%.c.o: %.c
	@mkdir -p $(dir $@)
	@echo "  CC    $<"
	@$(CC) $(CFLAGS) $(HOST_WARNINGS) $(call format_cppflags,$<) -c $< -o $@

-include $(shell find $(O) -name '*.d' 2>/dev/null)
