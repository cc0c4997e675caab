/*
 * bootinfo.c: filling struct boot_info, whatever the boot protocol.
 */
#include "bootinfo.h"
#include "lib.h"

static bool range_add(struct mem_range *table, unsigned int *count, maddr_t start, uint64_t size)
{
	if (*count >= BOOT_MAX_RANGES || size == 0) {
		return false;
	}
	table[*count] = (struct mem_range){start, size};
	(*count)++;
	return true;
}

bool bootinfo_add_ram(struct boot_info *info, maddr_t start, uint64_t size)
{
	return range_add(info->ram, &info->ram_count, start, size);
}

bool bootinfo_add_reserved(struct boot_info *info, maddr_t start, uint64_t size)
{
	return range_add(info->reserved, &info->reserved_count, start, size);
}

bool bootinfo_add_module(struct boot_info *info, maddr_t start, uint64_t size, const char *cmdline)
{
	struct boot_module *module;

	if (info->module_count >= BOOT_MAX_MODULES) {
		return false;
	}
	module = &info->modules[info->module_count++];
	module->start = start;
	module->size = size;
	strlcpy(module->cmdline, cmdline ? cmdline : "", sizeof(module->cmdline));
	return bootinfo_add_reserved(info, start, size);
}
