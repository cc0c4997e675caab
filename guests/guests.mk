# guests/guests.mk: the guest library and the guest images of one arch (included by
# mk/arch.mk).
#
# Every directory under guests/tests/ is one test image, and guests/dom0 is the default
# domain 0. An image's sources are its *.c plus its $(ARCH)/ subdirectory's *.c and *.S;
# a file named ARCHES in the directory limits the arches it is built for.
# Output: build/$(ARCH)/guests/<name>.elf (tests under guests/tests/) with a .lst beside it
# and a .tests file listing the tests the image registers (for the harness).
#
# A test directory may also hold system.dts, a boot configuration (dts/README.md): it is
# compiled with dtc into build/$(ARCH)/guests/tests/<name>.dtb, and the conformance harness
# then boots the image with --config (every domain of such a configuration names
# module-index 0: all of them run the test image, with test=<name> after their own
# bootargs such as role=peer). A file named ICOUNT in the directory makes the harness run
# QEMU with -icount shift=0 (time advances with instructions, whatever the host load).
#
# guests/domu is the default system's unprivileged domain kernel (dts/ringo-default.dts,
# boot module 1), built as build/$(ARCH)/guests/domu.elf.
#
# Every directory under guests/bench/ is one benchmark image (tools/bench), built into
# build/$(ARCH)/guests/bench/<name>.elf for each arch it has a subdirectory for, and
# without a .tests file: the conformance harness never sees it. A bench directory whose
# $(ARCH)/ holds native.ld is a bare-metal image that runs without Ringo (the bench's
# native column): linked with that script, with only what it uses of the guest library.

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

# guest_image(dir, output[, tests]): one guest image from a directory of sources; with
# tests non-empty, also the list of the tests it registers.
define guest_image
$(2)_SRCS := $$(wildcard $(1)/*.c $(1)/$(ARCH)/*.c $(1)/$(ARCH)/*.S)
$(2)_OBJS := $$(patsubst %,$(OBJ)/guest/%.o,$$($(2)_SRCS))
$(2): $$($(2)_OBJS) $(GUEST_LIB) $(GUEST_LDSCRIPT)
	@mkdir -p $$(dir $$@)
	@echo "  LD [$(ARCH) guest] $$@"
	@$(LD) $(GUEST_LDFLAGS) -T $(GUEST_LDSCRIPT) -o $$@ \
		--whole-archive $$($(2)_OBJS) --no-whole-archive $(GUEST_LIB)
	$(if $(3),@$(NM) $$@ | sed -n 's/.* ringo_test_desc_//p' > $$(@:.elf=.tests))
GUEST_IMAGES += $(2) $(2:.elf=.lst)
endef

# native_image(dir, output): a bare-metal image, linked with its own $(ARCH)/native.ld.
define native_image
$(2)_SRCS := $$(wildcard $(1)/*.c $(1)/$(ARCH)/*.c $(1)/$(ARCH)/*.S)
$(2)_OBJS := $$(patsubst %,$(OBJ)/guest/%.o,$$($(2)_SRCS))
$(2): $$($(2)_OBJS) $(GUEST_LIB) $(1)/$(ARCH)/native.ld
	@mkdir -p $$(dir $$@)
	@echo "  LD [$(ARCH) native] $$@"
	@$(LD) $(GUEST_LDFLAGS) -T $(1)/$(ARCH)/native.ld -o $$@ $$($(2)_OBJS) $(GUEST_LIB)
GUEST_IMAGES += $(2) $(2:.elf=.lst)
endef

TEST_DIRS := $(foreach d,$(wildcard guests/tests/*),$(if $(call built_for,$(d)),$(d)))
$(foreach d,$(TEST_DIRS),$(eval $(call guest_image,$(d),$(O)/guests/tests/$(notdir $(d)).elf,tests)))
$(eval $(call guest_image,guests/dom0,$(O)/guests/dom0.elf))
$(eval $(call guest_image,guests/domu,$(O)/guests/domu.elf))

# Boot configurations: a test directory's system.dts, and the default system's.
DTC_FLAGS := -q -I dts -O dtb
TEST_DTBS := $(foreach d,$(TEST_DIRS),$(if $(wildcard $(d)/system.dts),$(O)/guests/tests/$(notdir $(d)).dtb))

$(O)/guests/tests/%.dtb: guests/tests/%/system.dts
	@mkdir -p $(dir $@)
	@echo "  DTC [$(ARCH)] $@"
	@dtc $(DTC_FLAGS) -o $@ $<

$(O)/ringo-default.dtb: dts/ringo-default.dts
	@mkdir -p $(dir $@)
	@echo "  DTC [$(ARCH)] $@"
	@dtc $(DTC_FLAGS) -o $@ $<

GUEST_IMAGES += $(TEST_DTBS) $(O)/ringo-default.dtb

# bench_image(dir): a PV bench image, or a native one when $(ARCH)/native.ld exists.
bench_image = $(call $(if $(wildcard $(1)/$(ARCH)/native.ld),native_image,guest_image),$(1),$(O)/guests/bench/$(notdir $(1)).elf)
BENCH_DIRS := $(foreach d,$(wildcard guests/bench/*),$(if $(wildcard $(d)/$(ARCH)/.),$(d)))
$(foreach d,$(BENCH_DIRS),$(eval $(call bench_image,$(d))))

.PHONY: guests
guests: $(GUEST_IMAGES)
