/*
 * guest_access.c: reaching the current guest's memory by its virtual addresses.
 *
 * A guest may name addresses below 2^39, the reach of TTBR0_EL1. Each page is translated
 * by the hardware as the guest's kernel would see it, with AT S1E1R or AT S1E1W (the guest's
 * EL1 regime is live while Ringo handles its trap), so unmapped pages and read-only
 * mappings are refused exactly as for the guest. The resulting machine address must be RAM
 * of the identity map, through which the bytes are copied. AT reports in PAR_EL1, which is
 * guest state, so the guest's value is put back.
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
	if (!mmu_is_ram(page, PAGE_SIZE)) {
		return NULL;
	}
	return (uint8_t *)arch_mm_maddr_to_virt(page) + (va & (PAGE_SIZE - 1));
}

/* Bytes from va to the end of its page, at most len. */
static size_t page_chunk(uintptr_t va, size_t len)
{
	size_t left = PAGE_SIZE - (va & (PAGE_SIZE - 1));

	return len < left ? len : left;
}

size_t arch_copy_from_guest(void *dst, gvaddr_t src, size_t len)
{
	uint8_t *to = dst;
	uintptr_t va = gvaddr_value(src);

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

size_t arch_copy_to_guest(gvaddr_t dst, const void *src, size_t len)
{
	const uint8_t *from = src;
	uintptr_t va = gvaddr_value(dst);

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
