/*
 * boot_config.h: the domains to start at boot, read from a device tree (DESIGN.md
 * decision 4; the sources are in dts/).
 *
 * The bindings follow Xen's dom0less ones (docs/misc/arm/device-tree/booting.txt) with the
 * domain id of Xen's hyperlaunch and Ringo's BVT parameters:
 *
 *   chosen {
 *       domU1 {
 *           compatible = "xen,domain";
 *           domid = <1>;                     optional: else the lowest unused id >= 1
 *           memory = <0x0 0x4000>;           KiB, one or two cells; required
 *           cpus = <1>;                      optional, default 1
 *           ringo,bvt-weight = <10>;         optional, BVT_WEIGHT_MIN .. BVT_WEIGHT_MAX
 *           ringo,bvt-warp-us = <2000>;      optional, W in microseconds (0: no warp)
 *           ringo,bvt-warp-limit-us = <0>;   optional, L in microseconds (0: no limit)
 *           ringo,bvt-unwarp-us = <0>;       optional, U in microseconds
 *           #address-cells = <1>;            for the modules' reg (default 2)
 *           #size-cells = <1>;               (default 1)
 *           kernel {
 *               compatible = "multiboot,kernel", "multiboot,module";
 *               reg = <0x48000000 0x200000>; where the boot loader put it, or instead
 *               module-index = <1>;          the n-th boot module (0 = the first)
 *               bootargs = "console=hvc0";   optional command line
 *           };
 *           ramdisk { compatible = "multiboot,ramdisk", "multiboot,module"; ... };  optional
 *       };
 *   };
 *
 * A node with status = "disabled" is skipped. Domain 0 is required and is the privileged
 * one. module-index counts boot modules in the order the boot loader lists them (x86:
 * multiboot modules; ARM64: /chosen module nodes), so one configuration serves wherever
 * the loader happens to place them; several domains may name the same module. Every
 * problem is refused with a message naming the node.
 */
#ifndef RINGO_BOOT_CONFIG_H
#define RINGO_BOOT_CONFIG_H

#include "bvt.h"
#include "types.h"

#define BOOT_CONFIG_MAX_DOMAINS 128		 /* MAX_DOMAINS of domain.h: ids 0 .. 127 */
#define BOOT_CONFIG_MAX_VCPUS 1			 /* struct domain has one vCPU */
#define BOOT_CONFIG_MEMORY_MAX_KIB (64ULL << 20) /* 64 GiB, x86 PAE's reach */
#define BOOT_CONFIG_ERROR_MAX 192

struct boot_config_module {
	bool present;
	bool by_index;	      /* named by module-index rather than reg */
	uint32_t index;	      /* by_index: which boot module */
	uint64_t start;	      /* !by_index: machine address ... */
	uint64_t size;	      /* ... and size in bytes (non-zero) */
	const char *bootargs; /* its command line, "" when none (points into the blob) */
};

struct boot_config_domain {
	uint16_t id;
	bool privileged;     /* domain 0 */
	const char *name;    /* the node's name (points into the blob) */
	uint64_t memory_kib; /* a non-zero multiple of 4 (whole pages) */
	uint32_t vcpus;
	struct bvt_params bvt;
	struct boot_config_module kernel; /* always present */
	struct boot_config_module ramdisk;
};

struct boot_config {
	unsigned int domain_count;
	struct boot_config_domain domain[BOOT_CONFIG_MAX_DOMAINS]; /* by id: domain 0 first */
	char error[BOOT_CONFIG_ERROR_MAX]; /* why parsing failed, when it did */
};

/*
 * Reads the configuration from the device tree blob fdt (at most size bytes readable).
 * Returns 0, or a negative errno with out->error saying what is wrong and where: -EINVAL
 * for a malformed blob, node or property, -ENOENT when something required is missing
 * (/chosen, any domain, domain 0, a kernel), -EEXIST for a domain id used twice, -E2BIG
 * for more than BOOT_CONFIG_MAX_DOMAINS domains, -ERANGE for a value out of bounds. The
 * strings in out point into the blob, which must stay in place while they are used.
 */
int boot_config_parse(const void *fdt, size_t size, struct boot_config *out);

#endif
