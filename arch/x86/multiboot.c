/*
 * multiboot.c (x86): struct boot_info from the multiboot (version 1) information.
 *
 * RAM comes from the loader's memory map (or its two memory sizes when it gave no map).
 * Reserved: the first MiB (BIOS data, tables, ROMs), the hypervisor image, every module.
 * A module's command line is what follows its first word, the file name (QEMU passes
 * "-initrd 'file args,...'", GRUB "module file args"); likewise the hypervisor's own.
 * The first module that is a device tree blob (it starts with the FDT magic) is the boot
 * configuration (boot_config.h): it becomes info->config, reserved like a module but not
 * counted among modules[], so module index 0 stays the first kernel wherever the blob is.
 * The RAM map (layout.h) is extended to the end of RAM as soon as the memory map is read,
 * so the other structures and the modules may lie anywhere in RAM below 2 GiB.
 */
#include "arch/mm.h"
#include "check.h"
#include "console.h"
#include "lib.h"
#include "plat/boot.h"
#include "plat/layout.h"
#include "plat/paging.h"

#define MULTIBOOT_LOADER_MAGIC 0x2BADB002
#define MBI_MEMORY (1U << 0)
#define MBI_CMDLINE (1U << 2)
#define MBI_MODULES (1U << 3)
#define MBI_MEMORY_MAP (1U << 6)
#define MMAP_AVAILABLE 1
#define LOW_MEMORY_END 0x100000
#define FDT_MAGIC 0xd00dfeed /* big-endian, at offset 0 of a device tree blob */

struct multiboot_info {
	uint32_t flags;
	uint32_t mem_lower; /* KiB from 0 */
	uint32_t mem_upper; /* KiB from 1 MiB */
	uint32_t boot_device;
	uint32_t cmdline;
	uint32_t mods_count;
	uint32_t mods_addr;
	uint32_t syms[4];
	uint32_t mmap_length;
	uint32_t mmap_addr;
};

struct multiboot_module {
	uint32_t start;
	uint32_t end;
	uint32_t string;
	uint32_t reserved;
};

/* size does not count itself: the next entry is at entry + size + 4. */
struct multiboot_mmap_entry {
	uint32_t size;
	uint64_t base;
	uint64_t length;
	uint32_t type;
} __attribute__((packed));

extern char __image_start[];
extern char __image_end[];

maddr_t image_start_maddr(void)
{
	return maddr((uintptr_t)__image_start - X86_DIRECTMAP_START);
}

maddr_t image_end_maddr(void)
{
	return maddr((uintptr_t)__image_end - X86_DIRECTMAP_START);
}

/* The loader's structure at machine address addr, which must be in the RAM map. */
static const void *loader_data(uint32_t addr, uint64_t len)
{
	if ((uint64_t)addr + len > maddr_value(arch_mm_directmap_end())) {
		panic("multiboot data at 0x%x lies outside the RAM map", addr);
	}
	return arch_mm_maddr_to_virt(maddr(addr));
}

/* The words after the first one: a command line without its file name. */
static const char *skip_file_name(const char *cmdline)
{
	while (*cmdline == ' ') {
		cmdline++;
	}
	while (*cmdline && *cmdline != ' ') {
		cmdline++;
	}
	while (*cmdline == ' ') {
		cmdline++;
	}
	return cmdline;
}

static void add_ram(struct boot_info *info, uint64_t start, uint64_t size)
{
	if (!bootinfo_add_ram(info, maddr(start), size)) {
		printk("ringo: too many RAM ranges, ignoring 0x%llx+0x%llx\n",
		       (unsigned long long)start, (unsigned long long)size);
	}
}

static void parse_memory_map(const struct multiboot_info *mbi, struct boot_info *info)
{
	const uint8_t *map = loader_data(mbi->mmap_addr, mbi->mmap_length);

	for (uint32_t offset = 0;
	     offset + sizeof(struct multiboot_mmap_entry) <= mbi->mmap_length;) {
		const struct multiboot_mmap_entry *entry = (const void *)(map + offset);

		if (entry->type == MMAP_AVAILABLE) {
			add_ram(info, entry->base, entry->length);
		}
		offset += entry->size + sizeof(entry->size);
	}
}

/* The end of the highest RAM range. */
static uint64_t ram_end(const struct boot_info *info)
{
	uint64_t end = 0;

	for (unsigned int i = 0; i < info->ram_count; i++) {
		uint64_t range_end = maddr_value(info->ram[i].start) + info->ram[i].size;

		end = range_end > end ? range_end : end;
	}
	return end;
}

static void parse_memory(const struct multiboot_info *mbi, struct boot_info *info)
{
	if (mbi->flags & MBI_MEMORY_MAP) {
		parse_memory_map(mbi, info);
	} else if (mbi->flags & MBI_MEMORY) {
		add_ram(info, 0, (uint64_t)mbi->mem_lower << 10);
		add_ram(info, LOW_MEMORY_END, (uint64_t)mbi->mem_upper << 10);
	} else {
		panic("the boot loader reported no memory");
	}
}

/* Whether the module's contents begin with the FDT magic. */
static bool module_is_device_tree(const struct multiboot_module *module)
{
	const uint8_t *bytes;

	if (module->end < module->start || module->end - module->start < sizeof(uint32_t)) {
		return false;
	}
	bytes = loader_data(module->start, sizeof(uint32_t));
	return ((uint32_t)bytes[0] << 24 | (uint32_t)bytes[1] << 16 | (uint32_t)bytes[2] << 8 |
		bytes[3]) == FDT_MAGIC;
}

/* The module becomes the boot configuration; its memory stays reserved like a module's. */
static void take_config(struct boot_info *info, const struct multiboot_module *module)
{
	uint32_t size = module->end - module->start;

	info->config = loader_data(module->start, size);
	info->config_size = size;
	if (!bootinfo_add_reserved(info, maddr(module->start), size)) {
		panic("too many reserved ranges for the boot configuration");
	}
}

static void parse_modules(const struct multiboot_info *mbi, struct boot_info *info)
{
	const struct multiboot_module *modules;

	if (!(mbi->flags & MBI_MODULES)) {
		return;
	}
	modules = loader_data(mbi->mods_addr, (uint64_t)mbi->mods_count * sizeof(*modules));
	for (uint32_t i = 0; i < mbi->mods_count; i++) {
		const struct multiboot_module *module = &modules[i];
		const char *cmdline = module->string ? loader_data(module->string, 1) : "";

		if (!info->config && module_is_device_tree(module)) {
			take_config(info, module);
			continue;
		}
		if (module->end < module->start ||
		    !bootinfo_add_module(info, maddr(module->start), module->end - module->start,
					 skip_file_name(cmdline))) {
			printk("ringo: ignoring boot module %u\n", (unsigned int)i);
		}
	}
}

void multiboot_parse(uint32_t magic, uint32_t info_addr, struct boot_info *info)
{
	const struct multiboot_info *mbi;

	if (magic != MULTIBOOT_LOADER_MAGIC) {
		panic("not started by a multiboot loader (magic 0x%x)", magic);
	}
	mbi = loader_data(info_addr, sizeof(*mbi));
	parse_memory(mbi, info);
	paging_map_ram(ram_end(info));
	bootinfo_add_reserved(info, maddr(0), LOW_MEMORY_END);
	bootinfo_add_reserved(info, image_start_maddr(),
			      maddr_value(image_end_maddr()) - maddr_value(image_start_maddr()));
	if (mbi->flags & MBI_CMDLINE) {
		strlcpy(info->cmdline, skip_file_name(loader_data(mbi->cmdline, 1)),
			sizeof(info->cmdline));
	}
	parse_modules(mbi, info);
}
