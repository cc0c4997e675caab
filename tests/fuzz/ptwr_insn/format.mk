# tests/fuzz/ptwr_insn/format.mk: the writable-page-table instruction decoder and executor
# (arch/x86/ptwr_insn.c), pure x86 code linked beside the fake format (fuzz.mk, _ARCH_SRCS).
ptwr_insn_ARCH := x86
ptwr_insn_ARCH_SRCS := arch/x86/ptwr_insn.c
