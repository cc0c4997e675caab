/*
 * pl031.c: the wall clock from the PL031 real-time clock (arch_wallclock_read).
 *
 * The PL031's data register (RTCDR) counts seconds; QEMU sets it from the host's UTC time
 * at start, which is the seconds-since-1970 the core wants. The device comes from the
 * device tree ("arm,pl031"); without one there is no wall clock (-ENODEV).
 */
#include "arch/time.h"
#include "plat/irq.h"
#include "plat/mmu.h"
#include "public/errno.h"

#define PL031_RTCDR 0x000

int arch_wallclock_read(uint64_t *seconds)
{
	const struct mmio_range *rtc = &irq_platform()->rtc;
	const volatile uint32_t *data;

	if (!rtc->size) {
		return -ENODEV;
	}
	data = (const volatile uint32_t *)((uint8_t *)mmu_maddr_to_virt(rtc->base) + PL031_RTCDR);
	*seconds = *data;
	return 0;
}
