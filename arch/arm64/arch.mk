# arch/arm64/arch.mk: the ARM64 (EL2) backend's toolchain, flags, sources and final Image.
#
# Included by mk/arch.mk. The hypervisor is linked at a fixed address and booted by U-Boot's
# `booti` at EL2: its Image header asks for the 2 MiB-aligned base of RAM plus TEXT_OFFSET
# (flags bit 3 clear), so on QEMU virt (RAM at 1 GiB) it always runs at 0x40400000, the
# address it is linked for. The early boot code runs with the MMU off, so everything is built
# -mstrict-align. libfdt comes from Debian's arm64 package, unpacked by tools/setup into
# build/sysroot-arm64; only the device-tree reader sees its headers.

CROSS_COMPILE ?= aarch64-linux-gnu-

# This file is included before mk/arch.mk names its first target; keep `all` the default.
.DEFAULT_GOAL := all

ARM64_SYSROOT := build/sysroot-arm64
ARM64_LIBFDT := $(ARM64_SYSROOT)/usr/lib/aarch64-linux-gnu/libfdt.a

ARCH_CFLAGS := -mgeneral-regs-only -mstrict-align -mno-outline-atomics \
	-mbranch-protection=none -fno-omit-frame-pointer -fno-asynchronous-unwind-tables \
	-fno-unwind-tables

ARCH_SRCS := arch/arm64/head.S arch/arm64/vectors.S arch/arm64/entry.S arch/arm64/boot.c \
	arch/arm64/fdt.c arch/arm64/mmu.c arch/arm64/el2.c arch/arm64/pl011.c \
	arch/arm64/psci.c arch/arm64/traps.c arch/arm64/inject.c arch/arm64/hvc.c \
	arch/arm64/smc.c arch/arm64/sysreg_trap.c arch/arm64/vcpu.c arch/arm64/el1_context.c \
	arch/arm64/domain_build.c arch/arm64/guest_access.c arch/arm64/stack_protector.c \
	arch/arm64/offsets.c arch/arm64/pt_format.c arch/arm64/regime_check.c arch/arm64/pt.c \
	arch/arm64/tlb.c arch/arm64/cache_trap.c arch/arm64/mmuext.c arch/arm64/gic.c \
	arch/arm64/timer.c arch/arm64/irq.c arch/arm64/pl031.c arch/arm64/event.c

ARCH_LDSCRIPT := arch/arm64/ringo.ld
ARCH_LDFLAGS := -nostdlib -static -z noexecstack -z max-page-size=4096 --build-id=none \
	--no-warn-rwx-segments
ARCH_LIBS := $(ARM64_LIBFDT)

# Only the device-tree reader includes libfdt.h (and, through libfdt_env.h, the toolchain's
# C library headers for declarations matching core/lib); mk/arch.mk gives the same flags to
# the core's boot configuration parser.
ARCH_LIBFDT_CFLAGS := -isystem $(ARM64_SYSROOT)/usr/include
$(OBJ)/hv/arch/arm64/fdt.c.o: HV_CFLAGS += $(ARCH_LIBFDT_CFLAGS)

$(ARM64_LIBFDT):
	@echo "$@ is missing: run tools/setup (it unpacks Debian's libfdt-dev:arm64)" >&2
	@false

GUEST_ARCH_CFLAGS := -mgeneral-regs-only -mno-outline-atomics -mbranch-protection=none \
	-fno-asynchronous-unwind-tables -fno-unwind-tables
GUEST_LDFLAGS := -nostdlib -static -z noexecstack -z max-page-size=4096 --build-id=none

# The raw Image: U-Boot's booti reads the 64-byte header at its start (head.S).
$(O)/ringo.img: $(O)/ringo.elf
	@echo "  IMAGE [$(ARCH)] $@"
	@$(OBJCOPY) -O binary $< $@
