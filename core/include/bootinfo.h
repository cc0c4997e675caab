/*
 * bootinfo.h: what the boot loader told us, in a form independent of how it told us.
 *
 * The arch fills one struct boot_info from multiboot (x86) or the device tree (ARM64):
 * usable RAM, ranges that must not be handed out (the hypervisor image, the boot modules,
 * the device tree), the boot modules with their command lines, and the hypervisor's own
 * command line. core_start() takes it from there.
 */
#ifndef RINGO_BOOTINFO_H
#define RINGO_BOOTINFO_H

#include "addr.h"

#define BOOT_MAX_RANGES 32
#define BOOT_MAX_MODULES 8
#define BOOT_CMDLINE_MAX 256

struct mem_range {
	maddr_t start;
	uint64_t size;
};

/* A boot module; cmdline holds its arguments only (the file name is dropped). */
struct boot_module {
	maddr_t start;
	uint64_t size;
	char cmdline[BOOT_CMDLINE_MAX];
};

struct boot_info {
	struct mem_range ram[BOOT_MAX_RANGES];
	unsigned int ram_count;
	struct mem_range reserved[BOOT_MAX_RANGES];
	unsigned int reserved_count;
	struct boot_module modules[BOOT_MAX_MODULES];
	unsigned int module_count;
	/*
	 * The boot configuration (boot_config.h), a device tree blob in the hypervisor's
	 * address space; NULL when there is none (then domain 0 is modules[0]). x86: the
	 * multiboot module that starts with the FDT magic, which is then not counted among
	 * modules[]; ARM64: the boot device tree itself, when its /chosen holds domain nodes.
	 */
	const void *config;
	uint64_t config_size;
	char cmdline[BOOT_CMDLINE_MAX];
};

/* Append helpers; they return false (and add nothing) when the table is full. */
bool bootinfo_add_ram(struct boot_info *info, maddr_t start, uint64_t size);
bool bootinfo_add_reserved(struct boot_info *info, maddr_t start, uint64_t size);
bool bootinfo_add_module(struct boot_info *info, maddr_t start, uint64_t size, const char *cmdline);

/*
 * The portable boot recipe: console banner, frame allocator, domain 0 from the first
 * module, then the scheduler. Called by the arch once its CPU, MMU and console are up.
 */
noreturn void core_start(struct boot_info *info);

/* The hypervisor's own command line, as the boot loader gave it. */
const char *core_cmdline(void);

#endif
