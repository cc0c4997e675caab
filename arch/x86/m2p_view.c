/*
 * m2p_view.c (x86): the read-only machine-to-phys table in every guest's address space.
 *
 * The core keeps the M2P (one 32-bit PFN per machine frame, core/include/m2p.h) in frames
 * of its own. Guests find it at 0xF5800000 (ABI.md section 2) and read it directly: the
 * guest view maps those frames present, user-readable and never writable, through L1s
 * that belong to the hypervisor and sit in the reserved slots of every hypervisor-sharing
 * L2 (arch_pt_install_hypervisor). The L1s are filled once, when the first such L2 is
 * validated, since the M2P's frames never move. 8 L1s cover the whole 16 MiB range.
 */
#include "check.h"
#include "plat/layout.h"
#include "plat/paging.h"

#include "m2p.h"

#define M2P_VIEW_L1S ((X86_M2P_END - X86_M2P_START) >> PAE_L2_SHIFT)
#define M2P_PAGE_FLAGS (PAE_PRESENT | PAE_USER | PAE_ACCESSED)
#define M2P_TABLE_FLAGS (PAE_PRESENT | PAE_USER | PAE_ACCESSED)

static alignas(PAGE_SIZE) pae_entry_t m2p_l1[M2P_VIEW_L1S][PAE_ENTRIES];
static uint64_t m2p_view_frames; /* frames of the M2P mapped so far */
static bool m2p_view_built;

static void m2p_view_build(void)
{
	unsigned int count = m2p_frame_count();

	CHECK(count <= M2P_VIEW_L1S * PAE_ENTRIES);
	for (unsigned int i = 0; i < count; i++) {
		m2p_l1[i / PAE_ENTRIES][i % PAE_ENTRIES] =
		    maddr_value(mfn_to_maddr(m2p_frame(i))) | M2P_PAGE_FLAGS;
	}
	m2p_view_frames = count;
	m2p_view_built = true;
}

pae_entry_t m2p_view_l2e(unsigned int i)
{
	if (!m2p_view_built) {
		m2p_view_build();
	}
	if (i >= M2P_VIEW_L1S || (uint64_t)i * PAE_ENTRIES >= m2p_view_frames) {
		return 0;
	}
	return maddr_value(paging_virt_to_maddr(m2p_l1[i])) | M2P_TABLE_FLAGS;
}
