/*
 * mm_pae.c: the x86 PAE rules of the validator (arch/x86/pt_format.c) and the read-only
 * M2P at 0xF5800000 (ABI.md sections 2 and 6). Built into the mm image on x86 only.
 *
 * PDPT (L3) entries hold the present bit and an address only; L2 entries name L1 tables
 * (no 2 MiB pages); L1 entries map write-back memory (no PWT, PCD, PAT); no entry sets a
 * bit above MAXPHYADDR or in 52-62; NX is allowed (EFER.NXE is on). The hypervisor's slots
 * of the top L2 are not the guest's to change.
 */
#include "../mm_common.h"
#include "user.h"
#include "x86/traps.h"

#define PAE_RW (1ULL << 1)
#define PAE_USER (1ULL << 2)
#define PAE_PWT (1ULL << 3)
#define PAE_PCD (1ULL << 4)
#define PAE_ACCESSED (1ULL << 5)
#define PAE_DIRTY (1ULL << 6)
#define PAE_PSE (1ULL << 7)
#define PAE_GLOBAL (1ULL << 8)
#define PAE_NX (1ULL << 63)
#define M2P_VA 0xF5800000UL

/* The L3 slot (0-2) whose L2 is the boot one for VA 1 GiB: slot 1. */
static uint64_t l3_entry_maddr(unsigned int slot)
{
	return (pt_base_mfn() << PAGE_SHIFT) + slot * 8;
}

static long update_one(uint64_t ptr, uint64_t val)
{
	mmu_queue(ptr, val);
	return mmu_flush();
}

TEST(mm_pae_l3_reserved_bits_refused)
{
	uint64_t l2 = mmu_table_mfn(1UL << 30, 2);
	uint64_t good = pte_table(l2, 3);
	static const uint64_t reserved[] = {PAE_RW,  PAE_USER,	 PAE_ACCESSED, PAE_DIRTY,
					    PAE_PSE, PAE_GLOBAL, PAE_NX,       PAE_PWT,
					    PAE_PCD, 1ULL << 52, 1ULL << 45};
	uint64_t *l3 = table_pages[6];

	for (unsigned int i = 0; i < ARRAY_SIZE(reserved); i++) {
		EXPECT_EQ(update_one(l3_entry_maddr(1), good | reserved[i]), -EINVAL);
	}
	EXPECT_EQ(update_one(l3_entry_maddr(1), good), 0); /* the entry as it was */
	/* Pinning an L3 whose entry carries RW: refused as a whole. */
	memset(l3, 0, PAGE_SIZE);
	l3[1] = good | PAE_RW;
	EXPECT_EQ(mmu_pin(make_read_only(l3), 3), -EINVAL);
	make_writable(l3);
	expect_running();
}

TEST(mm_pae_l1_l2_attributes)
{
	struct scratch s;
	uint64_t page = pte_page(frame_of(data_pages[0]), 0);
	uint64_t slot0 = 0;

	data_pages_tag();
	if (!scratch_build(&s, 0)) {
		return;
	}
	slot0 = s.l1_mfn << PAGE_SHIFT;
	EXPECT_EQ(update_one(slot0, page | PAE_PCD), -EINVAL);
	EXPECT_EQ(update_one(slot0, page | PAE_PWT), -EINVAL);
	EXPECT_EQ(update_one(slot0, page | PAE_PSE), -EINVAL); /* PAT in an L1 */
	EXPECT_EQ(update_one(slot0, page | (1ULL << 52)), -EINVAL);
	EXPECT_EQ(update_one(slot0, page | (1ULL << 62)), -EINVAL);
	EXPECT_EQ(s.l1[0], 0);
	EXPECT_EQ(update_one(slot0, page | PAE_NX), 0);
	EXPECT_EQ(word_at(s.va), 0xda7a0000);
	EXPECT_EQ(update_one(slot0, page | PAE_GLOBAL), 0);
	/* A 2 MiB page in the L2: refused. */
	EXPECT_EQ(update_one(s.l2_entry, (frame_of(data_pages[0]) << PAGE_SHIFT) | PAE_PSE | 1),
		  -EINVAL);
	EXPECT_EQ(mmu_table_mfn(s.va, 1), s.l1_mfn);
	scratch_destroy(&s);
}

TEST(mm_pae_preserve_ad)
{
	struct scratch s;
	uint64_t page = pte_page(frame_of(data_pages[0]), 0);

	if (!scratch_build(&s, 1)) {
		return;
	}
	EXPECT_EQ(update_one(s.l1_mfn << PAGE_SHIFT, page | PAE_DIRTY), 0);
	/* PRESERVE_AD keeps A and D of the entry it replaces. */
	EXPECT_EQ(update_one((s.l1_mfn << PAGE_SHIFT) | MMU_PT_UPDATE_PRESERVE_AD,
			     (page & ~(PAE_ACCESSED | PAE_DIRTY)) | PAE_USER),
		  0);
	EXPECT_EQ(s.l1[0], page | PAE_USER | PAE_DIRTY);
	scratch_destroy(&s);
}

TEST(mm_pae_hypervisor_slots_refused)
{
	unsigned long hv = HYPERVISOR_VIRT_START_X86;
	uint64_t top_l2 = mmu_table_mfn(hv, 2);

	/* The L2 under L3 slot 3 from entry 428 up is the hypervisor's: -EPERM. */
	EXPECT_TRUE(top_l2 != 0);
	EXPECT_EQ(update_one((top_l2 << PAGE_SHIFT) + 428 * 8, 0), -EPERM);
	EXPECT_EQ(update_one((top_l2 << PAGE_SHIFT) + 511 * 8, 0), -EPERM);
	EXPECT_EQ(
	    HYPERVISOR_update_va_mapping(M2P_VA, pte_page(frame_of(data_pages[0]), 0), UVMF_INVLPG),
	    -EINVAL);
	expect_running();
}

static void write_m2p(void *unused)
{
	(void)unused;
	*(volatile xen_pfn_t *)M2P_VA = 0;
}

static long read_m2p_from_ring3(long mfn)
{
	return (long)((const volatile xen_pfn_t *)M2P_VA)[mfn];
}

TEST(mm_pae_m2p_read_only)
{
	const xen_pfn_t *m2p = (const xen_pfn_t *)M2P_VA;
	struct trap_record trap;
	struct user_result result;
	uint64_t frame = frame_of(data_pages[5]);

	/* Read directly, at the ABI's address, by ring 1 and by ring 3. */
	EXPECT_EQ((unsigned long)mmu_m2p(), M2P_VA);
	EXPECT_EQ(m2p[frame], mmu_mfn_to_pfn(frame));
	user_run(read_m2p_from_ring3, (long)frame, &result);
	EXPECT_TRUE(!result.faulted);
	EXPECT_EQ((unsigned long)result.value, mmu_mfn_to_pfn(frame));
	/* Never written: a protection fault. */
	EXPECT_TRUE(trap_catch(write_m2p, NULL, &trap));
	EXPECT_EQ(trap.vector, TRAP_PF);
	EXPECT_EQ(trap.error_code, PF_PRESENT | PF_WRITE);
	EXPECT_EQ(trap.cr2, M2P_VA);
}

TEST(mm_pae_top_without_hypervisor_slot)
{
	uint64_t *l3 = table_pages[5];
	const uint64_t *top = mmu_mfn_to_va(pt_base_mfn());
	uint64_t frame;
	long rc;

	/*
	 * An L3 without slot 3 would drop the hypervisor's trampoline from the address space:
	 * the next trap could not be taken. Xen refuses such a table (-EINVAL); at the least
	 * the hypervisor must not load it. Either way only this domain may suffer.
	 */
	memset(l3, 0, PAGE_SIZE);
	for (unsigned int i = 0; i < 3; i++) {
		l3[i] = pte_table(pte_mfn(top[i], 3), 3);
	}
	frame = make_read_only(l3);
	test_expect_crash();
	rc = mmu_pin(frame, 3);
	if (rc == 0) {
		rc = mmu_new_base(frame);
	}
	printf("L3 without slot 3: %ld\n", rc);
	EXPECT_EQ(rc, -EINVAL);
	guest_shutdown(SHUTDOWN_crash);
}
