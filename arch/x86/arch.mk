# arch/x86/arch.mk: the x86 backend's part of the build (included by mk/arch.mk).
#
# The hypervisor is a 32-bit multiboot ELF (ring 0, PAE paging) and the guests are ELF32
# i386 PV kernels. Neither may use x87 or SSE registers: the hypervisor does not switch
# FPU state, and guest FPU use is the guest's own business. Two files are generated:
# generated/asm_offsets.h (structure offsets for the assembly, from asm_offsets.c) and the
# linker script (ringo.ld through cpp, for the address map in plat/layout.h).
# 64-bit division on i386 comes from libgcc, for the hypervisor and the guests alike.
# libfdt comes from Debian's i386 package, unpacked by tools/setup into build/sysroot-i386;
# only the boot configuration parser sees its headers. Debian builds it position-independent
# and with the stack protector: the linker resolves its GOT-relative references in the
# static image, and stack_protector.c gives it the %gs-based canary it reads.

CROSS_COMPILE ?= i686-linux-gnu-

# mk/arch.mk defines "all" after including this file.
.DEFAULT_GOAL := all

X86_CFLAGS := -m32 -march=i686 -mgeneral-regs-only -fno-asynchronous-unwind-tables \
	-fcf-protection=none
X86_GENERATED := $(OBJ)/include/generated
X86_ASM_OFFSETS := $(X86_GENERATED)/asm_offsets.h
X86_LIBGCC := $(shell $(CROSS_COMPILE)gcc -m32 -print-libgcc-file-name 2>/dev/null)
X86_SYSROOT := build/sysroot-i386
X86_LIBFDT := $(X86_SYSROOT)/usr/lib/i386-linux-gnu/libfdt.a

# The hypervisor returns small structures (the typed addresses and entries: mfn_t, maddr_t,
# pte_t) in EAX:EDX rather than through memory. Nothing outside the hypervisor calls into it
# with the other convention, and its assembly returns no structures.
X86_HV_CFLAGS := -freg-struct-return
ARCH_CFLAGS := $(X86_CFLAGS) $(X86_HV_CFLAGS) -I$(OBJ)/include
ARCH_SRCS := $(filter-out arch/x86/asm_offsets.c,$(wildcard arch/x86/*.c)) \
	$(wildcard arch/x86/*.S)
ARCH_LDSCRIPT := $(OBJ)/ringo.ld
ARCH_LDFLAGS := -m elf_i386 -nostdlib -z noexecstack
ARCH_LIBS := $(X86_LIBFDT) $(X86_LIBGCC)
ARCH_LIBFDT_CFLAGS := -isystem $(X86_SYSROOT)/usr/include

$(X86_LIBFDT):
	@echo "$@ is missing: run tools/setup (it unpacks Debian's libfdt-dev:i386)" >&2
	@false

GUEST_ARCH_CFLAGS := $(X86_CFLAGS)
# libgcc comes before the guest objects on the link line, so its 64-bit division helpers
# are named up front (-u) to be pulled in.
X86_LIBGCC_HELPERS := __udivdi3 __umoddi3 __udivmoddi4 __divdi3 __moddi3 __divmoddi4
GUEST_LDFLAGS := -m elf_i386 -nostdlib -z noexecstack $(X86_LIBGCC_HELPERS:%=-u %) \
	$(X86_LIBGCC)

# Offsets: each "->NAME value" line the compiler emits becomes "#define NAME value".
$(X86_ASM_OFFSETS): arch/x86/asm_offsets.c arch/x86/include/plat/regs.h \
		arch/x86/include/plat/vcpu.h core/include/domain.h core/include/hypercall.h
	@mkdir -p $(dir $@)
	@echo "  GEN [x86] $@"
	@$(CC) $(HV_CFLAGS) -S $< -o $(@:.h=.s)
	@{ echo "/* Generated from arch/x86/asm_offsets.c: do not edit. */"; \
	   echo "#ifndef RINGO_GENERATED_ASM_OFFSETS_H"; \
	   echo "#define RINGO_GENERATED_ASM_OFFSETS_H"; \
	   sed -n 's/^->\([A-Z0-9_]*\) \([0-9]*\).*/#define \1 \2/p' $(@:.h=.s); \
	   echo "#endif"; } > $@.tmp
	@mv $@.tmp $@

$(patsubst %,$(OBJ)/hv/%.o,$(filter %.S,$(ARCH_SRCS))): $(X86_ASM_OFFSETS)

# -undef: cpp would otherwise turn the "i386" of OUTPUT_ARCH into 1.
$(ARCH_LDSCRIPT): arch/x86/ringo.ld arch/x86/include/plat/layout.h
	@mkdir -p $(dir $@)
	@echo "  CPP [x86] $@"
	@$(CC) -E -P -undef -x assembler-with-cpp -D__ASSEMBLY__ -Iarch/x86/include $< -o $@

# QEMU boots the multiboot ELF itself.
$(O)/ringo.img: $(O)/ringo.elf
	@cp $< $@
