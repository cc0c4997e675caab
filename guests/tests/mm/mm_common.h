/*
 * mm_common.h: what the portable page-table tests share (mm_common.c).
 *
 * The tests build page tables out of pages of their own image (page-aligned .bss, inside
 * the start-of-day 1:1 mapping), which must first be mapped read-only: a frame can become
 * a table only while no writable mapping of it exists. A "scratch" region is a fresh
 * level-1 table hooked into an empty level-2 slot, so a test can map pages at
 * scratch.va + i * PAGE_SIZE without touching the mappings the guest itself runs on.
 */
#ifndef MM_COMMON_H
#define MM_COMMON_H

#include "lib.h"
#include "mmu.h"
#include "test.h"

#define TABLE_PAGES 8
#define DATA_PAGES 16
#define FRAME_NOT_RAM 0xfffffULL /* 4 GiB - 4 KiB: far beyond any test machine's RAM */

/* Page-aligned pages of the image; table_pages may become tables, data_pages are tagged. */
extern uint64_t table_pages[TABLE_PAGES][512];
extern uint32_t data_pages[DATA_PAGES][1024];

uint64_t frame_of(const void *va);
uint64_t maddr_of(const void *va);

/* Remaps a page read-only (EXPECTs success) and returns its frame. */
uint64_t make_read_only(void *page);
void make_writable(void *page);

/* Tags every data page with its index, data_pages[i][0] = 0xda7a0000 + i. */
void data_pages_tag(void);

struct scratch {
	unsigned long va; /* first VA the scratch L1 maps */
	uint64_t *l1;	  /* its page (read-only once built) */
	uint64_t l1_mfn;
	uint64_t l2_entry; /* machine address of the level-2 entry that names it */
};

/* Builds, pins and hooks a scratch L1 from table_pages[index]; false on failure. */
bool scratch_build(struct scratch *s, unsigned int index);
void scratch_destroy(struct scratch *s);

/* Reads the first word of the page mapped at va (the tag of a data page). */
uint32_t word_at(unsigned long va);

/* One of the hypervisor's frames (an M2P frame, memory_op machphys_mfn_list). */
uint64_t hypervisor_frame(void);

/* The hypercall still works: the guest, and the hypervisor, run on. */
void expect_running(void);

#endif
