# mk/arch.mk: builds the hypervisor and the guests of one arch into build/$(ARCH).
#
# Included pieces: arch/$(ARCH)/arch.mk (toolchain, flags, arch sources, final image) and
# guests/guests.mk (guest library and images). Objects mirror the source tree under
# build/$(ARCH)/obj. A disassembly listing (.lst) sits beside every image.

ifeq ($(filter $(ARCH),x86 arm64),)
$(error ARCH must be x86 or arm64, not "$(ARCH)")
endif

O := build/$(ARCH)
OBJ := $(O)/obj

include arch/$(ARCH)/arch.mk

CC := $(CROSS_COMPILE)gcc
LD := $(CROSS_COMPILE)ld
OBJCOPY := $(CROSS_COMPILE)objcopy
OBJDUMP := $(CROSS_COMPILE)objdump
AR := $(CROSS_COMPILE)ar
NM := $(CROSS_COMPILE)nm

ifeq ($(shell command -v $(CC) 2>/dev/null),)
$(error $(CC) not found: run tools/setup (Debian packages gcc-i686-linux-gnu / gcc-aarch64-linux-gnu), or set CROSS_COMPILE)
endif

WARNINGS := -Wall -Wextra -Werror -Wstrict-prototypes -Wmissing-prototypes -Wshadow -Wvla
COMMON_CFLAGS := -std=gnu11 -O2 -g -ffreestanding -fno-common -fno-pie -fno-stack-protector \
	-fno-strict-aliasing -fno-builtin $(WARNINGS) -MMD -MP

HV_CFLAGS := $(COMMON_CFLAGS) $(ARCH_CFLAGS) -Icore/include -Iarch/$(ARCH)/include
HV_ASFLAGS := $(HV_CFLAGS) -D__ASSEMBLY__

CORE_SRCS := $(wildcard core/*.c core/lib/*.c)
HV_SRCS := $(CORE_SRCS) $(ARCH_SRCS)
HV_OBJS := $(patsubst %,$(OBJ)/hv/%.o,$(HV_SRCS))

# The core's one libfdt user, the boot configuration parser, sees the arch's libfdt headers
# (ARCH_LIBFDT_CFLAGS, from arch.mk; the library itself is in ARCH_LIBS).
$(OBJ)/hv/core/boot_config.c.o: HV_CFLAGS += $(ARCH_LIBFDT_CFLAGS)

all: $(O)/ringo.elf $(O)/ringo.lst $(O)/ringo.img guests

$(OBJ)/hv/%.c.o: %.c
	@mkdir -p $(dir $@)
	@echo "  CC [$(ARCH)] $<"
	@$(CC) $(HV_CFLAGS) -c $< -o $@

$(OBJ)/hv/%.S.o: %.S
	@mkdir -p $(dir $@)
	@echo "  AS [$(ARCH)] $<"
	@$(CC) $(HV_ASFLAGS) -c $< -o $@

$(O)/ringo.elf: $(HV_OBJS) $(ARCH_LDSCRIPT) $(ARCH_LIBS)
	@echo "  LD [$(ARCH)] $@"
	@$(LD) $(ARCH_LDFLAGS) -T $(ARCH_LDSCRIPT) -Map $(O)/ringo.map -o $@ $(HV_OBJS) $(ARCH_LIBS)

%.lst: %.elf
	@$(OBJDUMP) -d -S $< > $@

include guests/guests.mk

-include $(shell find $(OBJ) -name '*.d' 2>/dev/null)
