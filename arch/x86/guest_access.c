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
 *
 * Hypercalls read and write small things at the same few guest pages over and over (a
 * batch's array, a `done` count, the kernel stack a trap frame goes on), so the last pages
 * translated are kept (plat/guest_window.h, where the lookup is inline), each valid while
 * no table above level 1 changed and its level-1 entry reads the same; otherwise the page
 * is walked again. Bytes move with rep movs, one instruction per word.
 */
#include "arch/config.h"
#include "arch/guest_access.h"
#include "arch/mm.h"
#include "lib.h"
#include "mm.h"
#include "plat/guest_window.h"
#include "plat/layout.h"
#include "plat/pae.h"
#include "plat/paging.h"
#include "plat/traps.h"
#include "sched.h"

#define PAE_SUPERPAGE_MASK ((uint64_t)PAE_SUPERPAGE_SIZE - 1)
_Static_assert(ARCH_GUEST_VA_LIMIT % PAGE_SIZE == 0, "the limit is page-aligned");
#define PAGE_MASK_LOW (PAGE_SIZE - 1)

struct x86_translation x86_kept[X86_ACCESS_KINDS][X86_KEPT_PER_ACCESS];

/* Where a walk ended: the machine address, and the level-1 entry it went through. */
struct walk {
	uint64_t address;
	const pae_entry_t *leaf;
};

bool arch_guest_range_ok(gvaddr_t start, size_t len)
{
	uintptr_t first = gvaddr_value(start);

	/* No wrap-around: the range must end at or below the limit. */
	return first <= ARCH_GUEST_VA_LIMIT && len <= ARCH_GUEST_VA_LIMIT - first;
}

/* Machine memory is reached through the RAM map (plat/paging.h). */
static bool in_directmap(uint64_t address, uint64_t len)
{
	return x86_ram_mapped(address, len);
}

/* The RAM-map address of machine address `address`, known to be inside it. */
static inline void *directmap(uint64_t address)
{
	return x86_ram_virt(address);
}

/* The next-level table an entry points to, or NULL if it is absent or out of reach. */
static inline const pae_entry_t *next_table(pae_entry_t entry)
{
	uint64_t address = entry & PAE_ADDRESS_MASK;

	if (!(entry & PAE_PRESENT) || !in_directmap(address, PAGE_SIZE)) {
		return NULL;
	}
	return directmap(address);
}

static inline bool entry_allows(pae_entry_t entry, enum x86_access access)
{
	return (entry & PAE_PRESENT) && (access != X86_ACCESS_WRITE || (entry & PAE_RW));
}

/* Where guest address va is in the tables at cr3, if access is allowed. */
static bool guest_translate(uint32_t cr3, uintptr_t va, enum x86_access access, struct walk *out)
{
	const pae_entry_t *l3 = directmap(cr3);
	const pae_entry_t *l2 = next_table(l3[pae_l3_index(va)]);
	pae_entry_t entry;

	if (!l2 || !entry_allows(entry = l2[pae_l2_index(va)], access)) {
		return false;
	}
	if (entry & PAE_PSE) {
		out->address =
		    (entry & PAE_ADDRESS_MASK & ~PAE_SUPERPAGE_MASK) | (va & PAE_SUPERPAGE_MASK);
		out->leaf = NULL;
		return true;
	}
	const pae_entry_t *l1 = next_table(entry);

	if (!l1 || !entry_allows(entry = l1[pae_l1_index(va)], access)) {
		return false;
	}
	out->address = (entry & PAE_ADDRESS_MASK) | (va & PAGE_MASK_LOW);
	out->leaf = &l1[pae_l1_index(va)];
	return true;
}

/* The level-1 entry of a 2 MiB page's translation, which has none: always "unchanged". */
static const pae_entry_t x86_no_leaf;

uint8_t *x86_page_walk(struct x86_translation *t, uint32_t cr3, uint32_t page,
		       enum x86_access access)
{
	struct walk walk;

	if (!guest_translate(cr3, page, access, &walk) || !in_directmap(walk.address, PAGE_SIZE)) {
		return NULL;
	}
	t->generation = mm_pt_generation;
	t->leaf = walk.leaf ? walk.leaf : &x86_no_leaf;
	t->leaf_value = *t->leaf;
	t->cr3 = cr3;
	t->page = page;
	t->target = directmap(walk.address);
	return t->target;
}

/* memcpy with rep movs: a word per instruction, then the odd bytes. */
static inline void copy_bytes(void *to, const void *from, size_t len)
{
	size_t words = len / sizeof(uint32_t);
	size_t tail = len % sizeof(uint32_t);

	__asm__ volatile("rep movsl" : "+D"(to), "+S"(from), "+c"(words) : : "memory");
	if (tail) {
		__asm__ volatile("rep movsb" : "+D"(to), "+S"(from), "+c"(tail) : : "memory");
	}
}

/* The page tables of the vCPU whose memory a copy means; 0 when it has none. */
static inline uint32_t current_cr3(void)
{
	const struct vcpu *v = sched_current();

	/* Checked below 4 GiB when set (vcpu.c); 0 for a vCPU being torn down. */
	return v ? (uint32_t)maddr_value(v->arch.cr3) : 0;
}

/* Copies page by page; returns the bytes not copied. */
static __attribute__((noinline)) size_t guest_copy(uintptr_t va, void *buffer, size_t len,
						   enum x86_access access)
{
	uint32_t cr3 = current_cr3();
	uint8_t *bytes = buffer;

	/* No tables (a vCPU being torn down): nothing is mapped. */
	while (len && cr3) {
		size_t offset = va & PAGE_MASK_LOW;
		size_t chunk = PAGE_SIZE - offset < len ? PAGE_SIZE - offset : len;
		uint8_t *target = x86_guest_page(cr3, (uint32_t)(va - offset), access);

		if (!target) {
			break;
		}
		if (access == X86_ACCESS_WRITE) {
			copy_bytes(target + offset, bytes, chunk);
		} else {
			copy_bytes(bytes, target + offset, chunk);
		}
		va += chunk;
		bytes += chunk;
		len -= chunk;
	}
	return len;
}

/*
 * The copies: within one page whose translation is kept, straight (the common case of the
 * small things hypercalls read and write); anything else page by page.
 */
size_t arch_copy_from_guest(void *dst, gvaddr_t src, size_t len)
{
	uint32_t cr3 = current_cr3();
	const void *from =
	    cr3 ? x86_guest_window(cr3, gvaddr_value(src), len, X86_ACCESS_READ) : NULL;

	if (from) {
		copy_bytes(dst, from, len);
		return 0;
	}
	return guest_copy(gvaddr_value(src), dst, len, X86_ACCESS_READ);
}

size_t arch_copy_to_guest(gvaddr_t dst, const void *src, size_t len)
{
	uint32_t cr3 = current_cr3();
	void *to = cr3 ? x86_guest_window(cr3, gvaddr_value(dst), len, X86_ACCESS_WRITE) : NULL;

	if (to) {
		copy_bytes(to, src, len);
		return 0;
	}
	return guest_copy(gvaddr_value(dst), (void *)src, len, X86_ACCESS_WRITE);
}

/* arch_guest_page's miss: the page walked into its slot (x86_guest_page's slow half). */
static __attribute__((noinline)) void *guest_page_walk(uint32_t cr3, uintptr_t va,
						       enum x86_access access)
{
	return x86_page_walk(&x86_kept[access][(va >> PAGE_SHIFT) % X86_KEPT_PER_ACCESS], cr3,
			     (uint32_t)va, access);
}

void *arch_guest_page(gvaddr_t page, bool write)
{
	enum x86_access access = write ? X86_ACCESS_WRITE : X86_ACCESS_READ;
	uintptr_t va = gvaddr_value(page);
	const struct x86_translation *t;
	const struct vcpu *v;
	uint32_t cr3;

	/*
	 * Page-aligned, so below the (page-aligned) limit is the whole page in range. No vCPU,
	 * or one without tables (being torn down): nothing is mapped.
	 */
	if ((va & PAGE_MASK_LOW) || va >= ARCH_GUEST_VA_LIMIT || !(v = sched_current()) ||
	    !(cr3 = (uint32_t)maddr_value(v->arch.cr3))) {
		return NULL;
	}
	/* x86_guest_page's lookup, its miss out of line. */
	t = &x86_kept[access][(va >> PAGE_SHIFT) % X86_KEPT_PER_ACCESS];
	if (t->page == va && t->cr3 == cr3 && t->generation == mm_pt_generation &&
	    *t->leaf == t->leaf_value) {
		return t->target;
	}
	return guest_page_walk(cr3, va, access);
}

bool x86_guest_frame_of(const struct vcpu *v, uintptr_t va, mfn_t *frame)
{
	struct walk walk;

	if (!maddr_value(v->arch.cr3) || va >= ARCH_GUEST_VA_LIMIT ||
	    !guest_translate((uint32_t)maddr_value(v->arch.cr3), va, X86_ACCESS_READ, &walk)) {
		return false;
	}
	*frame = maddr_to_mfn(maddr(walk.address));
	return true;
}
