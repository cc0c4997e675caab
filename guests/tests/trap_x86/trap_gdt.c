/*
 * trap_gdt.c: set_gdt (2) and update_descriptor (10) (ABI.md section 2).
 *
 * A GDT frame is one of the guest's pages, mapped read-only first (no writable mapping
 * may exist while it is a descriptor page). The tests load the segments they install, so
 * a descriptor that was accepted is one the CPU really uses, and check that what is
 * refused (DPL 0, segments reaching the hole, gates into ring 0, system descriptors,
 * frames that are not the guest's or are page tables) changes nothing.
 */
#include "lib.h"
#include "mmu.h"
#include "trap_x86.h"

#define DESC_TYPE_DATA 0x3 /* read/write, accessed */
#define DESC_TYPE_CODE 0xb /* execute/read, accessed */
#define DESC_TYPE_TSS 0x9
#define DESC_TYPE_CALL_GATE 0xc
#define GUEST_LIMIT_PAGES ((HYPERVISOR_VIRT_START_X86 >> 12) - 1)
#define SELECTOR(index, rpl) (((index) << 3) | (rpl))

static alignas(PAGE_SIZE) uint64_t gdt_page[512];
static alignas(PAGE_SIZE) uint64_t bad_page[512];
static alignas(PAGE_SIZE) uint64_t plain_page[512];
static volatile uint32_t probe = 0x5eed;

static uint64_t segment(uint32_t base, uint32_t limit_pages, unsigned int dpl, unsigned int type)
{
	return (uint64_t)(limit_pages & 0xffff) | (uint64_t)(base & 0xffffff) << 16 |
	       (uint64_t)(0x80 | dpl << 5 | 0x10 | type) << 40 |
	       (uint64_t)((limit_pages >> 16) & 0xf) << 48 | 0xcULL << 52 |
	       (uint64_t)(base >> 24) << 56;
}

static uint64_t call_gate(uint16_t selector, uint32_t offset, unsigned int dpl)
{
	return (uint64_t)(offset & 0xffff) | (uint64_t)selector << 16 |
	       (uint64_t)(0x80 | dpl << 5 | DESC_TYPE_CALL_GATE) << 40 |
	       (uint64_t)(offset >> 16) << 48;
}

static uint64_t ring1_data(void)
{
	return segment(0, GUEST_LIMIT_PAGES, 1, DESC_TYPE_DATA);
}

static uint64_t maddr_of(const void *va)
{
	return (mmu_va_to_mfn(va) << PAGE_SHIFT) + ((unsigned long)va & (PAGE_SIZE - 1));
}

/* Makes gdt_page a one-frame GDT with a ring-1 data segment at entry 1 (selector 0x09). */
static unsigned long gdt_prepare(void)
{
	gdt_page[1] = ring1_data();
	EXPECT_EQ(mmu_set_writable(gdt_page, false), 0);
	return (unsigned long)mmu_va_to_mfn(gdt_page);
}

/* Loads selector into DS, reads through it, restores DS. */
static uint32_t read_through(uint32_t selector)
{
	uint32_t value;
	uint32_t old = load_ds(selector);

	value = probe;
	load_ds(old);
	return value;
}

static const uint64_t *hardware_gdt(void)
{
	struct {
		uint16_t limit;
		uint32_t base;
	} __attribute__((packed)) gdtr;

	__asm__ volatile("sgdt %0" : "=m"(gdtr));
	return (const uint64_t *)(uintptr_t)gdtr.base;
}

TEST(trap_set_gdt_load_segment)
{
	unsigned long frame = gdt_prepare();

	EXPECT_EQ(HYPERVISOR_set_gdt(&frame, 2), 0);
	EXPECT_EQ(read_through(SELECTOR(1, 1)), 0x5eed);
	/* The CPU's GDT holds the validated copy (with the accessed bit). */
	EXPECT_EQ(hardware_gdt()[1], ring1_data());
	/* No GDT: the entry is gone from the hardware. */
	EXPECT_EQ(HYPERVISOR_set_gdt(NULL, 0), 0);
	EXPECT_EQ(hardware_gdt()[1], 0);
}

TEST(trap_set_gdt_refused)
{
	unsigned long frame = gdt_prepare();
	unsigned long writable = (unsigned long)mmu_va_to_mfn(plain_page);
	unsigned long bad;
	unsigned long not_ours = 0;

	EXPECT_EQ(HYPERVISOR_set_gdt(&frame, 2), 0);
	EXPECT_EQ(HYPERVISOR_set_gdt(&frame, FIRST_RESERVED_GDT_ENTRY + 1), -EINVAL);
	/* A frame the guest can still write, or that is not the guest's. */
	EXPECT_EQ(HYPERVISOR_set_gdt(&writable, 2), -EINVAL);
	EXPECT_EQ(HYPERVISOR_set_gdt(&not_ours, 2), -EINVAL);
	/* A frame holding a DPL-0 segment, then one reaching the hole. */
	bad_page[3] = segment(0, GUEST_LIMIT_PAGES, 0, DESC_TYPE_DATA);
	EXPECT_EQ(mmu_set_writable(bad_page, false), 0);
	bad = (unsigned long)mmu_va_to_mfn(bad_page);
	EXPECT_EQ(HYPERVISOR_set_gdt(&bad, 4), -EINVAL);
	EXPECT_EQ(mmu_set_writable(bad_page, true), 0);
	bad_page[3] = segment(0, 0xfffff, 1, DESC_TYPE_DATA);
	EXPECT_EQ(mmu_set_writable(bad_page, false), 0);
	EXPECT_EQ(HYPERVISOR_set_gdt(&bad, 4), -EINVAL);
	/* Lists the hypervisor cannot read. */
	EXPECT_EQ(HYPERVISOR_set_gdt((void *)UNMAPPED_VA, 2), -EFAULT);
	EXPECT_EQ(HYPERVISOR_set_gdt((void *)HYPERVISOR_VA, 2), -EFAULT);
	/* The GDT that was in place still is. */
	EXPECT_EQ(read_through(SELECTOR(1, 1)), 0x5eed);
	EXPECT_EQ(HYPERVISOR_set_gdt(NULL, 0), 0);
}

TEST(trap_update_descriptor)
{
	unsigned long frame = gdt_prepare();
	uint64_t entry2 = maddr_of(&gdt_page[2]);

	EXPECT_EQ(HYPERVISOR_set_gdt(&frame, 3), 0);
	/* Into the GDT in use: the CPU sees it at once. */
	EXPECT_EQ(HYPERVISOR_update_descriptor(entry2, ring1_data()), 0);
	EXPECT_EQ(gdt_page[2], ring1_data());
	EXPECT_EQ(read_through(SELECTOR(2, 1)), 0x5eed);
	/* A call gate into ring-1 code is fine; into the hypervisor's ring 0 it is not. */
	EXPECT_EQ(HYPERVISOR_update_descriptor(entry2, call_gate(FLAT_RING1_CS, 0x1000, 3)), 0);
	EXPECT_EQ(
	    HYPERVISOR_update_descriptor(entry2, call_gate(RINGO_X86_HYPERVISOR_CS, 0x1000, 3)),
	    -EINVAL);
	EXPECT_EQ(HYPERVISOR_update_descriptor(
		      entry2, call_gate(FLAT_RING1_CS, HYPERVISOR_VIRT_START_X86, 3)),
		  -EINVAL);
	/* DPL 0, reaching the hole, wrapping, a TSS: all refused, the entry unchanged. */
	EXPECT_EQ(
	    HYPERVISOR_update_descriptor(entry2, segment(0, GUEST_LIMIT_PAGES, 0, DESC_TYPE_CODE)),
	    -EINVAL);
	EXPECT_EQ(HYPERVISOR_update_descriptor(entry2, segment(0, 0xfffff, 1, DESC_TYPE_DATA)),
		  -EINVAL);
	EXPECT_EQ(
	    HYPERVISOR_update_descriptor(entry2, segment(0xF5000000, 0x1000, 3, DESC_TYPE_DATA)),
	    -EINVAL);
	EXPECT_EQ(HYPERVISOR_update_descriptor(entry2, segment(0x1000, 0x67, 1, DESC_TYPE_TSS) &
							   ~(1ULL << 44)),
		  -EINVAL);
	EXPECT_EQ(gdt_page[2], call_gate(FLAT_RING1_CS, 0x1000, 3));
	EXPECT_EQ(HYPERVISOR_set_gdt(NULL, 0), 0);
}

TEST(trap_update_descriptor_refused_frames)
{
	uint64_t plain = maddr_of(&plain_page[5]);

	/* A plain page of the guest's takes a descriptor too (Xen allows it). */
	EXPECT_EQ(HYPERVISOR_update_descriptor(plain, ring1_data()), 0);
	EXPECT_EQ(plain_page[5], ring1_data());
	/* Misaligned, not the guest's frame, a page table: refused. */
	EXPECT_EQ(HYPERVISOR_update_descriptor(plain + 4, ring1_data()), -EINVAL);
	EXPECT_EQ(HYPERVISOR_update_descriptor(0x1000, ring1_data()), -EINVAL);
	EXPECT_EQ(HYPERVISOR_update_descriptor(maddr_of((void *)start_info->pt_base), ring1_data()),
		  -EINVAL);
	EXPECT_EQ(HYPERVISOR_update_descriptor(1ULL << 40, ring1_data()), -EINVAL);
	EXPECT_EQ(HYPERVISOR_xen_version(XENVER_pagesize, NULL), 4096);
}

/* Loads DS from the GDT, then takes that GDT away: the way back to the guest faults. */
static void lose_data_segment(void)
{
	unsigned long frame = gdt_prepare();

	EXPECT_EQ(HYPERVISOR_set_gdt(&frame, 2), 0);
	load_ds(SELECTOR(1, 1));
	HYPERVISOR_set_gdt(NULL, 0);
}

TEST(trap_exit_fault_failsafe)
{
	traps_init();
	EXPECT_EQ(HYPERVISOR_set_callbacks(FLAT_RING1_CS, 0, FLAT_RING1_CS,
					   (unsigned long)failsafe_entry),
		  0);
	if (jump_save(&failsafe_jump) == 0) {
		lose_data_segment();
		test_fail(__FILE__, __LINE__, "returned with a data segment that is gone");
	}
	/* The failsafe frame holds the selector that failed; the guest runs on. */
	EXPECT_EQ(failsafe_frame[0], SELECTOR(1, 1));
	EXPECT_EQ(failsafe_frame[5] & 0xffff, FLAT_RING1_CS);
	EXPECT_EQ(HYPERVISOR_xen_version(XENVER_pagesize, NULL), 4096);
}

TEST(trap_exit_fault_crash)
{
	traps_init();
	EXPECT_EQ(HYPERVISOR_set_callbacks(FLAT_RING1_CS, 0, FLAT_RING1_CS, 0), 0);
	test_expect_crash();
	lose_data_segment();
	test_fail(__FILE__, __LINE__, "returned with a data segment that is gone");
}

/*
 * The stack segment from the GDT, then the GDT taken away: the way back faults at its
 * iret, and so does the way to the failsafe callback, whose frame keeps that stack
 * segment. A failsafe bounce that has not reached the guest is not made twice: the
 * domain crashes (a loop of failsafe bounces would time the test out).
 */
TEST(trap_exit_fault_failsafe_faults_too)
{
	unsigned long frame;

	traps_init();
	EXPECT_EQ(HYPERVISOR_set_callbacks(FLAT_RING1_CS, 0, FLAT_RING1_CS,
					   (unsigned long)failsafe_entry),
		  0);
	frame = gdt_prepare();
	EXPECT_EQ(HYPERVISOR_set_gdt(&frame, 2), 0);
	test_expect_crash();
	__asm__ volatile("mov %0, %%ss" : : "r"(SELECTOR(1, 1)));
	HYPERVISOR_set_gdt(NULL, 0);
	test_fail(__FILE__, __LINE__, "returned with a stack segment that is gone");
}

/* ---- MMUEXT_SET_LDT ---- */

static alignas(PAGE_SIZE) uint64_t ldt_page[512];

static long set_ldt(const void *base, unsigned int entries)
{
	struct mmuext_op op = {.cmd = MMUEXT_SET_LDT};

	op.arg1.linear_addr = (unsigned long)base;
	op.arg2.nr_ents = entries;
	return HYPERVISOR_mmuext_op(&op, 1, NULL, DOMID_SELF);
}

static void load_ldt_selector(void *selector)
{
	load_ds(load_ds((uint32_t)(uintptr_t)selector));
}

#define LDT_SELECTOR(index) (((index) << 3) | 4 | 1)

TEST(trap_set_ldt)
{
	struct trap_record trap;

	ldt_page[0] = ring1_data();
	EXPECT_EQ(mmu_set_writable(ldt_page, false), 0);
	EXPECT_EQ(set_ldt(ldt_page, 2), 0);
	EXPECT_EQ(read_through(LDT_SELECTOR(0)), 0x5eed);
	/* update_descriptor reaches the LDT in use at once. */
	EXPECT_EQ(HYPERVISOR_update_descriptor(maddr_of(&ldt_page[1]), ring1_data()), 0);
	EXPECT_EQ(read_through(LDT_SELECTOR(1)), 0x5eed);
	/* Entry 2 is past the LDT's limit; with no LDT at all, entry 0 is gone too. */
	EXPECT_TRUE(trap_catch(load_ldt_selector, (void *)LDT_SELECTOR(2), &trap));
	EXPECT_EQ(trap.vector, TRAP_GP);
	EXPECT_EQ(set_ldt(NULL, 0), 0);
	EXPECT_TRUE(trap_catch(load_ldt_selector, (void *)LDT_SELECTOR(0), &trap));
	EXPECT_EQ(trap.vector, TRAP_GP);
	/* The frame is a plain page again once no LDT holds it. */
	EXPECT_EQ(mmu_set_writable(ldt_page, true), 0);
}

TEST(trap_set_ldt_refused)
{
	ldt_page[0] = ring1_data();
	EXPECT_EQ(mmu_set_writable(ldt_page, false), 0);
	EXPECT_EQ(set_ldt(ldt_page, 1), 0);
	EXPECT_EQ(set_ldt((uint8_t *)ldt_page + 8, 1), -EINVAL); /* not page-aligned */
	EXPECT_EQ(set_ldt(ldt_page, 8193), -EINVAL);		 /* too many */
	EXPECT_EQ(set_ldt((void *)(HYPERVISOR_VIRT_START_X86 - 4096), 1024), -EINVAL);
	EXPECT_EQ(set_ldt((void *)UNMAPPED_VA, 1), -EINVAL); /* not mapped */
	EXPECT_EQ(set_ldt(plain_page, 1), -EINVAL);	     /* writable */
	bad_page[0] = segment(0, GUEST_LIMIT_PAGES, 0, DESC_TYPE_DATA);
	EXPECT_EQ(mmu_set_writable(bad_page, false), 0);
	EXPECT_EQ(set_ldt(bad_page, 1), -EINVAL); /* DPL 0 */
	/* The LDT in place still is. */
	EXPECT_EQ(read_through(LDT_SELECTOR(0)), 0x5eed);
	EXPECT_EQ(set_ldt(NULL, 0), 0);
}
