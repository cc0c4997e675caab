/*
 * shared_info.c: mapping the shared_info page (ABI.md section 4).
 *
 * start_info gives its machine address; a PV guest maps it itself. The library maps it
 * once, on first use, over a page-aligned window in its own .bss (that page's original
 * frame simply stays unmapped).
 */
#include "mmu.h"

static alignas(PAGE_SIZE) uint8_t shared_info_window[PAGE_SIZE];
static struct shared_info *shared_info_mapped;

struct shared_info *guest_shared_info(void)
{
	if (!shared_info_mapped &&
	    mmu_map((unsigned long)shared_info_window, start_info->shared_info >> PAGE_SHIFT,
		    PTE_WRITABLE) == 0) {
		shared_info_mapped = (struct shared_info *)shared_info_window;
	}
	return shared_info_mapped;
}
