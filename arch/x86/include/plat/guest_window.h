/*
 * plat/guest_window.h (x86): direct views of guest memory through kept translations.
 *
 * guest_access.c translates guest addresses by walking the guest's PAE tables in software
 * and keeps the last pages it translated (a few per access kind, by page number), each
 * with what it depends on: the tables it was found in (cr3), mm_pt_generation (mm.h: no
 * table above level 1 changed, none was validated or devalidated since) and the level-1
 * entry it went through, with its value. The lookup of a kept page is inline here, so
 * that the hot paths (a trap's bounce frame, a batch's array) reach guest memory in a
 * few instructions; a miss walks (guest_access.c).
 */
#ifndef RINGO_PLAT_GUEST_WINDOW_H
#define RINGO_PLAT_GUEST_WINDOW_H

#include "arch/config.h"
#include "mm.h"
#include "plat/pae.h"

/*
 * What a translation is for: a read, a write, or the read of an instruction the hypervisor
 * emulates (a read, kept apart so that code and the data it touches do not evict each
 * other's translations).
 */
enum x86_access {
	X86_ACCESS_READ,
	X86_ACCESS_WRITE,
	X86_ACCESS_FETCH,
	X86_ACCESS_KINDS,
};

#define X86_KEPT_PER_ACCESS 4

/* A guest page translated: its bytes in the directmap, and what that depends on. */
struct x86_translation {
	uint64_t generation;
	const pae_entry_t *leaf; /* its level-1 entry (x86_no_leaf for a 2 MiB page) */
	pae_entry_t leaf_value;
	uint32_t cr3; /* 0: nothing kept (no vCPU has cr3 0) */
	uint32_t page;
	uint8_t *target;
};

extern struct x86_translation x86_kept[X86_ACCESS_KINDS][X86_KEPT_PER_ACCESS];

/* Walks page (page-aligned) in the tables at cr3 into slot t; NULL when not accessible. */
uint8_t *x86_page_walk(struct x86_translation *t, uint32_t cr3, uint32_t page,
		       enum x86_access access);

/*
 * The translation of guest page `page` (page-aligned) in the tables at cr3: the kept one
 * while it holds, else walked into its slot. NULL when the page is not accessible so.
 */
static inline const struct x86_translation *x86_guest_translation(uint32_t cr3, uint32_t page,
								  enum x86_access access)
{
	struct x86_translation *t = &x86_kept[access][(page >> PAGE_SHIFT) % X86_KEPT_PER_ACCESS];

	/* An empty slot has cr3 0: its leaf is never read. */
	if (t->page == page && t->cr3 == cr3 && t->generation == mm_pt_generation &&
	    *t->leaf == t->leaf_value) {
		return t;
	}
	return x86_page_walk(t, cr3, page, access) ? t : NULL;
}

/* The directmap address of the guest page x86_guest_translation finds, or NULL. */
static inline uint8_t *x86_guest_page(uint32_t cr3, uint32_t page, enum x86_access access)
{
	const struct x86_translation *t = x86_guest_translation(cr3, page, access);

	return t ? t->target : NULL;
}

/*
 * A hypervisor pointer to the guest bytes [va, va + len) in the tables at cr3 (not 0), for
 * reading or writing them directly as the guest's kernel would: NULL when they are not all
 * in one page below the hole, or not accessible so. Valid until the hypervisor next
 * changes a guest page table.
 */
static inline void *x86_guest_window(uint32_t cr3, uintptr_t va, size_t len, enum x86_access access)
{
	uint32_t offset = va & (PAGE_SIZE - 1);
	uint32_t page = (uint32_t)va - offset;
	uint8_t *target;

	/* The hole starts on a page boundary: a page below it ends below it. */
	if (offset + len > PAGE_SIZE || page >= ARCH_GUEST_VA_LIMIT) {
		return NULL;
	}
	target = x86_guest_page(cr3, page, access);
	return target ? target + offset : NULL;
}

#endif
