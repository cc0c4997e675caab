# Ringo: top-level build.
#
#   make                  build the hypervisor and guests for both arches (build/x86, build/arm64)
#   make ARCH=x86|arm64   build one arch
#   make run [ARCH=...]   build and boot the default system under QEMU (x86 unless ARCH=arm64)
#   make test             every test tier: unit (host), fuzz (bounded), conformance (QEMU, both)
#   make check            formatting, static analysis, -Werror builds
#   make fuzz             the fuzz targets, for longer
#   make bench [ARCH=...] the benchmarks under qemu -icount (tools/bench; not part of test)
#   make format           apply clang-format
#   CROSS_COMPILE=prefix  override the cross toolchain of the arch being built
#
# The first run installs missing Debian packages through tools/setup.

ARCHES := x86 arm64
BUILD_ARCHES := $(if $(ARCH),$(ARCH),$(ARCHES))
RUN_ARCH := $(if $(ARCH),$(ARCH),x86)
PYTHON := /usr/bin/python3
SETUP_STAMP := build/.setup-done
FUZZ_SECONDS ?= 20

.PHONY: all setup run test check fuzz fuzz-smoke format unit conformance bench clean \
	$(ARCHES:%=build-%)

all: $(BUILD_ARCHES:%=build-%)

# tools/setup is idempotent; the stamp only skips re-running it within one tree.
$(SETUP_STAMP): tools/setup
	@tools/setup
	@mkdir -p build && touch $@

setup:
	@tools/setup

$(ARCHES:%=build-%): build-%: $(SETUP_STAMP)
	@$(MAKE) --no-print-directory -f mk/arch.mk ARCH=$*

# The default system: dts/ringo-default.dts (domain 0 = module 0, two domUs = module 1).
run: build-$(RUN_ARCH)
	@$(PYTHON) tools/ringo-qemu --arch $(RUN_ARCH) --hypervisor build/$(RUN_ARCH)/ringo.img \
		--config build/$(RUN_ARCH)/ringo-default.dtb \
		--module "build/$(RUN_ARCH)/guests/dom0.elf" \
		--module "build/$(RUN_ARCH)/guests/domu.elf" --timeout 120

unit: $(SETUP_STAMP)
	@$(MAKE) --no-print-directory -f tests/unit/unit.mk run

fuzz-smoke: $(SETUP_STAMP)
	@$(MAKE) --no-print-directory -f tests/fuzz/fuzz.mk run FUZZ_SECONDS=$(FUZZ_SECONDS)

fuzz: $(SETUP_STAMP)
	@$(MAKE) --no-print-directory -f tests/fuzz/fuzz.mk run FUZZ_SECONDS=600

conformance: $(BUILD_ARCHES:%=build-%)
	@$(PYTHON) -m pytest -q -p no:cacheprovider tests/conformance \
		--junitxml=build/test-results/conformance.xml $(if $(ARCH),--arch=$(ARCH),)

# Path lengths in instructions: both arches unless ARCH is given (tools/bench says how).
bench: $(BUILD_ARCHES:%=build-%)
	@$(PYTHON) tools/bench $(if $(ARCH),--arch $(ARCH),)

test: $(SETUP_STAMP)
	@$(PYTHON) tools/run-tests $(if $(ARCH),--arch $(ARCH),)

check: $(SETUP_STAMP)
	@tools/check

format:
	@clang-format -i $$(tools/c-sources)

clean:
	rm -rf build/x86 build/arm64 build/host build/test-results
