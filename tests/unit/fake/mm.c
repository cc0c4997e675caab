/*
 * mm.c (fake arch): machine RAM as one host array, and the fake machine's boot.
 *
 * Machine address A is fake_ram + A. The direct map covers all of it unless a test moves
 * its end (to check that the frame allocator never hands out what the hypervisor cannot
 * reach). Fresh RAM is poisoned, so a frame that is not zeroed on allocation shows.
 */
#include <stdlib.h>

#include "fake.h"

#include "arch/mm.h"
#include "frame_alloc.h"
#include "frame_table.h"
#include "m2p.h"
#include "arch/time.h"
#include "sched.h"
#include "time.h"

alignas(4096) uint8_t fake_ram[FAKE_RAM_SIZE];
static uint64_t directmap_end = FAKE_RAM_SIZE;

void fake_mm_reset(void)
{
	memset(fake_ram, FAKE_RAM_POISON, sizeof(fake_ram));
	directmap_end = FAKE_RAM_SIZE;
}

void fake_mm_set_directmap_end(maddr_t end)
{
	directmap_end = maddr_value(end) < FAKE_RAM_SIZE ? maddr_value(end) : FAKE_RAM_SIZE;
}

void *arch_mm_maddr_to_virt(maddr_t addr)
{
	/* The contract's precondition: a core bug if broken, so stop loudly. */
	if (maddr_value(addr) >= directmap_end) {
		abort();
	}
	return fake_ram + maddr_value(addr);
}

maddr_t arch_mm_directmap_end(void)
{
	return maddr(directmap_end);
}

void fake_boot(void)
{
	static struct boot_info info;

	fake_mm_reset();
	fake_console_clear();
	fake_guest_unmap_all();
	info = (struct boot_info){0};
	bootinfo_add_ram(&info, maddr(0), FAKE_RAM_SIZE);
	bootinfo_add_reserved(&info, maddr(0), FAKE_BOOT_RESERVED);
	frame_alloc_init(&info);
	frame_table_init();
	m2p_init();
	arch_time_init();
	time_init();
	sched_init();
}
