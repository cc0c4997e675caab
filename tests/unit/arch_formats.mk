# tests/unit/arch_formats.mk: real page-table formats tested on the host.
#
# An arch whose descriptor format is written as pure functions with their own prefix
# (pae_*, vmsav8_*: no system registers, no globals, no arch_* names, so they link beside
# the fake arch's arch_pte_*) lists those sources here, e.g.
#   UNIT_ARCH_FORMAT_SRCS += arch/arm64/pt_format.c
# and puts its Criterion tests in tests/unit/arch/<arch>/*.c. Both are compiled with
# arch/<arch>/include ahead of core/include and without the fake arch's headers, so
# "plat/..." means that arch's own headers; they are linked into the one unit-test binary.
UNIT_ARCH_FORMAT_SRCS :=

# arm64: VMSAv8-64 descriptors and the EL1 translation controls a guest may load.
UNIT_ARCH_FORMAT_SRCS += arch/arm64/pt_format.c arch/arm64/regime_check.c

# x86: the writable-page-table instruction decoder and executor (pure, ptwr_* names).
UNIT_ARCH_FORMAT_SRCS += arch/x86/ptwr_insn.c
