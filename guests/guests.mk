# guests/guests.mk: the guest library and the guest images of one arch (included by
# mk/arch.mk).
#
# Every directory under guests/tests/ is one test image, and guests/dom0 is the default
# domain 0. An image's sources are its *.c plus its $(ARCH)/ subdirectory's *.c and *.S;
# a file named ARCHES in the directory limits the arches it is built for.
# Output: build/$(ARCH)/guests/<name>.elf (tests under guests/tests/) with a .lst beside it
# and a .tests file listing the tests the image registers (for the harness).

GUEST_CFLAGS := $(COMMON_CFLAGS) $(GUEST_ARCH_CFLAGS) -Iguests/lib/include -Icore/include
GUEST_ASFLAGS := $(GUEST_CFLAGS) -D__ASSEMBLY__
GUEST_LIB_SRCS := $(wildcard guests/lib/*.c guests/lib/arch/$(ARCH)/*.c \
	guests/lib/arch/$(ARCH)/*.S) core/lib/string.c core/lib/vsnprintf.c core/lib/cmdline.c
GUEST_LIB_OBJS := $(patsubst %,$(OBJ)/guest/%.o,$(GUEST_LIB_SRCS))
GUEST_LIB := $(O)/guests/libguest.a
GUEST_LDSCRIPT := guests/lib/arch/$(ARCH)/guest.ld

$(OBJ)/guest/%.c.o: %.c
	@mkdir -p $(dir $@)
	@echo "  CC [$(ARCH) guest] $<"
	@$(CC) $(GUEST_CFLAGS) -c $< -o $@

$(OBJ)/guest/%.S.o: %.S
	@mkdir -p $(dir $@)
	@echo "  AS [$(ARCH) guest] $<"
	@$(CC) $(GUEST_ASFLAGS) -c $< -o $@

$(GUEST_LIB): $(GUEST_LIB_OBJS)
	@mkdir -p $(dir $@)
	@rm -f $@
	@$(AR) rcs $@ $^

# built_for(dir): true when dir has no ARCHES file or lists $(ARCH) in it.
built_for = $(if $(wildcard $(1)/ARCHES),$(filter $(ARCH),$(shell cat $(1)/ARCHES)),yes)

# guest_image(dir, output): one guest image from a directory of sources.
define guest_image
$(2)_SRCS := $$(wildcard $(1)/*.c $(1)/$(ARCH)/*.c $(1)/$(ARCH)/*.S)
$(2)_OBJS := $$(patsubst %,$(OBJ)/guest/%.o,$$($(2)_SRCS))
$(2): $$($(2)_OBJS) $(GUEST_LIB) $(GUEST_LDSCRIPT)
	@mkdir -p $$(dir $$@)
	@echo "  LD [$(ARCH) guest] $$@"
	@$(LD) $(GUEST_LDFLAGS) -T $(GUEST_LDSCRIPT) -o $$@ \
		--whole-archive $$($(2)_OBJS) --no-whole-archive $(GUEST_LIB)
	@$(NM) $$@ | sed -n 's/.* ringo_test_desc_//p' > $$(@:.elf=.tests)
GUEST_IMAGES += $(2) $(2:.elf=.lst)
endef

TEST_DIRS := $(foreach d,$(wildcard guests/tests/*),$(if $(call built_for,$(d)),$(d)))
$(foreach d,$(TEST_DIRS),$(eval $(call guest_image,$(d),$(O)/guests/tests/$(notdir $(d)).elf)))
$(eval $(call guest_image,guests/dom0,$(O)/guests/dom0.elf))

.PHONY: guests
guests: $(GUEST_IMAGES)
