/*
 * plat/platform.h (arm64): what the device tree says about the board, and reading it.
 *
 * fdt.c fills struct boot_info (RAM, reserved ranges, modules, command line, the boot
 * configuration) for the core and struct platform_info for the backend: the PL011 console,
 * the GICv3, the generic timer's interrupts and the PL031 real-time clock.
 */
#ifndef RINGO_PLAT_PLATFORM_H
#define RINGO_PLAT_PLATFORM_H

#include "bootinfo.h"

struct mmio_range {
	maddr_t base;
	uint64_t size; /* 0 when the device is absent */
};

struct platform_info {
	struct mmio_range uart;	     /* PL011 */
	struct mmio_range gicd;	     /* GICv3 distributor */
	struct mmio_range gicr;	     /* GICv3 redistributors */
	struct mmio_range rtc;	     /* PL031 real-time clock */
	bool has_timer;		     /* an "arm,armv8-timer" node */
	unsigned int timer_ppi_virt; /* the virtual timer's PPI (INTID - 16) */
	unsigned int timer_ppi_hyp;  /* the EL2 physical timer's PPI */
	bool psci_hvc;		     /* /psci method = "hvc" (firmware below EL2 only) */
	maddr_t fdt;
	uint64_t fdt_size;
};

/*
 * Checks the device tree at fdt and finds the console. Safe with the MMU off (libfdt reads
 * the blob with aligned accesses only). Returns 0 or a negative libfdt error.
 */
int fdt_read_platform(const void *fdt, struct platform_info *platform);

/*
 * Fills info from the device tree: memory nodes, reserved memory, /chosen's command line
 * and module nodes (the "multiboot,kernel" one first), and info->config = the tree itself
 * when /chosen has a "xen,domain" child (bootinfo.h). Returns 0 or a negative libfdt
 * error; a malformed module node is reported and skipped.
 */
int fdt_read_boot_info(const void *fdt, struct boot_info *info);

#endif
