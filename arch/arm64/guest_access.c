/*
 * guest_access.c: reaching the current guest's memory by its virtual addresses.
 *
 * A guest may name addresses below 2^39, the reach of TTBR0_EL1. Each page is translated
 * by the hardware as the guest's kernel would see it, with AT S1E1R or AT S1E1W (the guest's
 * EL1 regime is live while Ringo handles its trap), so unmapped pages and read-only
 * mappings are refused exactly as for the guest. The resulting machine address must be RAM
 * of the identity map, through which the bytes are copied. AT reports in PAR_EL1, which is
 * guest state, so the guest's value is put back.
 *
 * Each page is translated once per copy. Most copies (a batch's chunk of entries, a `done`
 * count) lie within one page, and take a path with no loop.
 */
#include "arch/config.h"
#include "arch/guest_access.h"
#include "arch/mm.h"
#include "lib.h"
#include "plat/guest_va.h"
#include "plat/mmu.h"
#include "plat/sysreg.h"

bool arch_guest_range_ok(gvaddr_t start, size_t len)
{
	uintptr_t first = gvaddr_value(start);

	return first <= ARCH_GUEST_VA_LIMIT && len <= ARCH_GUEST_VA_LIMIT - first;
}

static uint64_t at_el1(uintptr_t va, enum guest_access_kind kind)
{
	if (kind == GUEST_WRITE) {
		__asm__ volatile("at s1e1w, %0" : : "r"(va) : "memory");
	} else {
		__asm__ volatile("at s1e1r, %0" : : "r"(va) : "memory");
	}
	isb();
	return read_sysreg(par_el1);
}

static uint64_t at_el0(uintptr_t va, enum guest_access_kind kind)
{
	if (kind == GUEST_WRITE) {
		__asm__ volatile("at s1e0w, %0" : : "r"(va) : "memory");
	} else {
		__asm__ volatile("at s1e0r, %0" : : "r"(va) : "memory");
	}
	isb();
	return read_sysreg(par_el1);
}

uint64_t guest_va_probe(uintptr_t va, enum guest_access_kind kind, bool el0)
{
	uint64_t saved_par = read_sysreg(par_el1);
	uint64_t par = el0 ? at_el0(va, kind) : at_el1(va, kind);

	write_sysreg(par_el1, saved_par);
	return par;
}

/* Hypervisor pointer to the guest's byte at va, or NULL if the guest may not access it. */
static void *guest_translate(uintptr_t va, bool write)
{
	uint64_t par = guest_va_probe(va, write ? GUEST_WRITE : GUEST_READ, false);
	maddr_t page;

	if (par & PAR_F) {
		return NULL;
	}
	page = maddr(par & PAR_PA_MASK);
	if (!mmu_is_ram_page(page)) {
		return NULL;
	}
	return (uint8_t *)mmu_maddr_to_virt(page) + (va & (PAGE_SIZE - 1));
}

/*
 * A direct view of one page (the optional arch_guest_page of arch/guest_access.h): the
 * translated frame, through the identity map. The core keeps it only while no page table
 * or base changes (mm_pt_changes), so batches such as multicall write their results with
 * one AT per page instead of one per result.
 */
void *arch_guest_page(gvaddr_t page, bool write)
{
	return guest_translate(gvaddr_value(page), write);
}

/* Bytes from va to the end of its page, at most len. */
static size_t page_chunk(uintptr_t va, size_t len)
{
	size_t left = PAGE_SIZE - (va & (PAGE_SIZE - 1));

	return len < left ? len : left;
}

/* True when [va, va + len) lies within one page. */
static bool within_page(uintptr_t va, size_t len)
{
	return len <= PAGE_SIZE - (va & (PAGE_SIZE - 1));
}

static __attribute__((noinline)) size_t copy_from_pages(uint8_t *to, uintptr_t va, size_t len)
{
	while (len) {
		size_t chunk = page_chunk(va, len);
		const void *from = guest_translate(va, false);

		if (!from) {
			break;
		}
		memcpy(to, from, chunk);
		to += chunk;
		va += chunk;
		len -= chunk;
	}
	return len;
}

static __attribute__((noinline)) size_t copy_to_pages(uintptr_t va, const uint8_t *from, size_t len)
{
	while (len) {
		size_t chunk = page_chunk(va, len);
		void *to = guest_translate(va, true);

		if (!to) {
			break;
		}
		memcpy(to, from, chunk);
		from += chunk;
		va += chunk;
		len -= chunk;
	}
	return len;
}

size_t arch_copy_from_guest(void *dst, gvaddr_t src, size_t len)
{
	uintptr_t va = gvaddr_value(src);
	const void *from;

	if (!len || !within_page(va, len)) {
		return copy_from_pages(dst, va, len);
	}
	from = guest_translate(va, false);
	if (!from) {
		return len;
	}
	memcpy(dst, from, len);
	return 0;
}

size_t arch_copy_to_guest(gvaddr_t dst, const void *src, size_t len)
{
	uintptr_t va = gvaddr_value(dst);
	void *to;

	if (!len || !within_page(va, len)) {
		return copy_to_pages(va, src, len);
	}
	to = guest_translate(va, true);
	if (!to) {
		return len;
	}
	memcpy(to, src, len);
	return 0;
}
