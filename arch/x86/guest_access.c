/*
 * guest_access.c (x86): the arch half of copy_from_guest / copy_to_guest.
 *
 * A guest may name any address below HYPERVISOR_VIRT_START. The hypervisor runs on its
 * own page tables, which map no guest memory, so a copy translates each guest page in
 * software: it walks the current vCPU's PAE tables (through the directmap) as the CPU
 * would for the guest's kernel, which paging treats as supervisor: present bits at every
 * level, and for a write the RW bit at L2 and L1 (PAE L3 entries have none), so read-only
 * guest mappings are honoured. Anything that is not mapped, or that lies outside the
 * directmap, ends the copy with the bytes not copied.
 */
#include "arch/config.h"
#include "arch/guest_access.h"
#include "arch/mm.h"
#include "lib.h"
#include "plat/pae.h"
#include "plat/traps.h"
#include "sched.h"

#define PAE_SUPERPAGE_MASK ((uint64_t)PAE_SUPERPAGE_SIZE - 1)

enum access {
	ACCESS_READ,
	ACCESS_WRITE,
};

bool arch_guest_range_ok(gvaddr_t start, size_t len)
{
	/* 64-bit arithmetic: a range that wraps past 4 GiB also ends above the limit. */
	return (uint64_t)gvaddr_value(start) + len <= ARCH_GUEST_VA_LIMIT;
}

static bool in_directmap(uint64_t address, uint64_t len)
{
	uint64_t end = maddr_value(arch_mm_directmap_end());

	return address <= end && len <= end - address;
}

/* The next-level table an entry points to, or NULL if it is absent or out of reach. */
static const pae_entry_t *next_table(pae_entry_t entry)
{
	uint64_t address = entry & PAE_ADDRESS_MASK;

	if (!(entry & PAE_PRESENT) || !in_directmap(address, PAGE_SIZE)) {
		return NULL;
	}
	return arch_mm_maddr_to_virt(maddr(address));
}

static bool entry_allows(pae_entry_t entry, enum access access)
{
	return (entry & PAE_PRESENT) && (access == ACCESS_READ || (entry & PAE_RW));
}

/* The machine address of guest address va in the tables at cr3, if access is allowed. */
static bool guest_translate(maddr_t cr3, uintptr_t va, enum access access, uint64_t *out)
{
	const pae_entry_t *l3 = arch_mm_maddr_to_virt(cr3);
	const pae_entry_t *l2 = next_table(l3[pae_l3_index(va)]);
	pae_entry_t entry;

	if (!l2 || !entry_allows(entry = l2[pae_l2_index(va)], access)) {
		return false;
	}
	if (entry & PAE_PSE) {
		*out = (entry & PAE_ADDRESS_MASK & ~PAE_SUPERPAGE_MASK) | (va & PAE_SUPERPAGE_MASK);
		return true;
	}
	const pae_entry_t *l1 = next_table(entry);

	if (!l1 || !entry_allows(entry = l1[pae_l1_index(va)], access)) {
		return false;
	}
	*out = (entry & PAE_ADDRESS_MASK) | (va & (PAGE_SIZE - 1));
	return true;
}

/*
 * memcpy a word at a time: every hypercall argument and trap frame goes through here,
 * and the library's memcpy is byte by byte. x86 allows unaligned words (the build has
 * -fno-strict-aliasing).
 */
static void copy_bytes(uint8_t *to, const uint8_t *from, size_t len)
{
	for (; len >= sizeof(uint32_t); len -= sizeof(uint32_t)) {
		*(uint32_t *)to = *(const uint32_t *)from;
		to += sizeof(uint32_t);
		from += sizeof(uint32_t);
	}
	while (len--) {
		*to++ = *from++;
	}
}

/* Copies page by page; returns the bytes not copied. */
static size_t guest_copy(uintptr_t va, void *buffer, size_t len, enum access access)
{
	struct vcpu *v = sched_current();
	maddr_t cr3 = v ? v->arch.cr3 : maddr(0);
	uint8_t *bytes = buffer;

	/* No tables (a vCPU being torn down): nothing is mapped. */
	while (len && maddr_value(cr3)) {
		size_t chunk = PAGE_SIZE - (va & (PAGE_SIZE - 1));
		uint64_t address;

		chunk = chunk < len ? chunk : len;
		if (!guest_translate(cr3, va, access, &address) || !in_directmap(address, chunk)) {
			break;
		}
		if (access == ACCESS_WRITE) {
			copy_bytes(arch_mm_maddr_to_virt(maddr(address)), bytes, chunk);
		} else {
			copy_bytes(bytes, arch_mm_maddr_to_virt(maddr(address)), chunk);
		}
		va += chunk;
		bytes += chunk;
		len -= chunk;
	}
	return len;
}

size_t arch_copy_from_guest(void *dst, gvaddr_t src, size_t len)
{
	return guest_copy(gvaddr_value(src), dst, len, ACCESS_READ);
}

size_t arch_copy_to_guest(gvaddr_t dst, const void *src, size_t len)
{
	return guest_copy(gvaddr_value(dst), (void *)src, len, ACCESS_WRITE);
}

bool x86_guest_frame_of(const struct vcpu *v, uintptr_t va, mfn_t *frame)
{
	uint64_t address;

	if (!maddr_value(v->arch.cr3) || va >= ARCH_GUEST_VA_LIMIT ||
	    !guest_translate(v->arch.cr3, va, ACCESS_READ, &address)) {
		return false;
	}
	*frame = maddr_to_mfn(maddr(address));
	return true;
}
