# tests/unit/fake/fake.mk: what a host build of the core on the fake arch is made of.
#
# Included by tests/unit/unit.mk (gcc, Criterion) and tests/fuzz/fuzz.mk (clang,
# libFuzzer), so both tiers test the same core against the same fake arch. Every core and
# fake-arch file gets host_names.h forced in: Ringo's string and formatting routines keep
# distinct names on the host instead of clashing with glibc and the sanitizers.

HOST_CORE_SRCS := $(wildcard core/*.c core/lib/*.c)
FAKE_SRCS := $(wildcard tests/unit/fake/*.c)
# The fake page-table format alone (arch/pt.h's format primitives): fuzz targets that
# validate a real format link an adapter over arch/<arch>/pt_format.c in its place.
FAKE_FORMAT_SRCS := tests/unit/fake/pt_format.c
TEST_SUPPORT_SRCS := $(wildcard tests/unit/support/*.c)

HOST_CPPFLAGS := -Icore/include -Itests/unit/fake/include -Itests/unit/support
HOST_CORE_CPPFLAGS := $(HOST_CPPFLAGS) -include tests/unit/fake/include/host_names.h
HOST_WARNINGS := -Wall -Wextra -Werror -Wshadow -Wvla -Wstrict-prototypes
HOST_CORE_WARNINGS := $(HOST_WARNINGS) -Wmissing-prototypes
# The boot configuration parser (core/boot_config.c) reads device trees with the host's
# libfdt (libfdt-dev).
HOST_CORE_LDLIBS := -lfdt
