/*
 * public/xen.h: hypercall numbers, start_info, shared_info and the other core structures
 * of the guest ABI (ABI.md sections 1, 3 and 4).
 *
 * Facts of Xen's public interface, restated in Ringo's own words; every offset and size is
 * checked at compile time for both layouts (see abi.h).
 */
#ifndef RINGO_PUBLIC_XEN_H
#define RINGO_PUBLIC_XEN_H

#include "abi.h"

enum hypercall_number {
	__HYPERVISOR_set_trap_table = 0,
	__HYPERVISOR_mmu_update = 1,
	__HYPERVISOR_set_gdt = 2,
	__HYPERVISOR_stack_switch = 3,
	__HYPERVISOR_set_callbacks = 4,
	__HYPERVISOR_fpu_taskswitch = 5,
	__HYPERVISOR_update_descriptor = 10,
	__HYPERVISOR_memory_op = 12,
	__HYPERVISOR_multicall = 13,
	__HYPERVISOR_update_va_mapping = 14,
	__HYPERVISOR_set_timer_op = 15,
	__HYPERVISOR_xen_version = 17,
	__HYPERVISOR_console_io = 18,
	__HYPERVISOR_grant_table_op = 20,
	__HYPERVISOR_vm_assist = 21,
	__HYPERVISOR_update_va_mapping_otherdomain = 22,
	__HYPERVISOR_iret = 23,
	__HYPERVISOR_vcpu_op = 24,
	__HYPERVISOR_mmuext_op = 26,
	__HYPERVISOR_sched_op = 29,
	__HYPERVISOR_callback_op = 30,
	__HYPERVISOR_event_channel_op = 32,
	__HYPERVISOR_physdev_op = 33,
	__HYPERVISOR_sysctl = 35,
	__HYPERVISOR_domctl = 36,
	/*
	 * Xen leaves 48..55 to each arch; Ringo uses the last two: domain 0's BVT control
	 * (public/ringo_sched.h) and its own test interface.
	 */
	__HYPERVISOR_ringo_sched_ctl = 54,
	__HYPERVISOR_ringo_debug = 55,
};

/* ringo_debug (55) commands: Ringo's, not Xen's; used by the conformance tests. */
#define RINGO_DEBUG_hypervisor_entries 0 /* returns the calling vCPU's entry count */
/*
 * RINGO_DEBUG_idle_ns: writes the ns the CPU has spent idle (halted) since boot, a
 * uint64_t, to the guest address in the second argument; returns 0 or -EFAULT.
 */
#define RINGO_DEBUG_idle_ns 1

/* Size of the hypercall transfer page and of one slot in it. */
#define HYPERCALL_PAGE_SLOT_SIZE 32
#define HYPERCALL_PAGE_SLOTS 128

#define DOMID_SELF ((domid_t)0x7FF0)
#define DOMID_IO ((domid_t)0x7FF1)
#define DOMID_XEN ((domid_t)0x7FF2)

/* x86 flat segment selectors in the hypervisor's reserved GDT entries (ABI.md section 2). */
#define FLAT_RING1_CS 0xe019
#define FLAT_RING1_DS 0xe021
#define FLAT_RING1_SS 0xe021
#define FLAT_RING3_CS 0xe02b
#define FLAT_RING3_DS 0xe033
#define FLAT_RING3_SS 0xe033
#define HYPERVISOR_VIRT_START_X86 0xF5800000UL
#define MACH2PHYS_VIRT_START_X86 0xF5800000UL
#define MACH2PHYS_VIRT_END_X86 0xF6800000UL
#define FIRST_RESERVED_GDT_ENTRY 7168

/* ---- start_info (ABI.md section 3) ---- */

#define START_INFO_MAGIC_X86 "xen-3.0-x86_32p"
#define START_INFO_MAGIC_ARM64 "xen-3.0-aarch64"

#define SIF_PRIVILEGED (1U << 0)
#define SIF_INITDOMAIN (1U << 1)
#define SIF_MULTIBOOT_MOD (1U << 2)
#define SIF_MOD_START_PFN (1U << 3)

#define MAX_GUEST_CMDLINE 1024

struct start_info {
	char magic[32];
	unsigned long nr_pages;
	unsigned long shared_info; /* machine address of the shared_info page */
	uint32_t flags;
	xen_pfn_t store_mfn;
	uint32_t store_evtchn;
	union {
		struct {
			xen_pfn_t mfn;
			uint32_t evtchn;
		} domU;
		struct {
			uint32_t info_off;
			uint32_t info_size;
		} dom0;
	} console;
	unsigned long pt_base; /* VA of the top-level bootstrap page table */
	unsigned long nr_pt_frames;
	unsigned long mfn_list; /* VA of the p2m list */
	unsigned long mod_start;
	unsigned long mod_len;
	int8_t cmd_line[MAX_GUEST_CMDLINE];
	unsigned long first_p2m_pfn;
	unsigned long nr_p2m_frames;
};

ABI_CHECK_OFFSET(struct start_info, nr_pages, 32, 32);
ABI_CHECK_OFFSET(struct start_info, shared_info, 36, 40);
ABI_CHECK_OFFSET(struct start_info, flags, 40, 48);
ABI_CHECK_OFFSET(struct start_info, store_mfn, 44, 56);
ABI_CHECK_OFFSET(struct start_info, store_evtchn, 48, 64);
ABI_CHECK_OFFSET(struct start_info, console.domU.mfn, 52, 72);
ABI_CHECK_OFFSET(struct start_info, console.domU.evtchn, 56, 80);
ABI_CHECK_OFFSET(struct start_info, console.dom0.info_off, 52, 72);
ABI_CHECK_OFFSET(struct start_info, console.dom0.info_size, 56, 76);
ABI_CHECK_OFFSET(struct start_info, pt_base, 60, 88);
ABI_CHECK_OFFSET(struct start_info, nr_pt_frames, 64, 96);
ABI_CHECK_OFFSET(struct start_info, mfn_list, 68, 104);
ABI_CHECK_OFFSET(struct start_info, mod_start, 72, 112);
ABI_CHECK_OFFSET(struct start_info, mod_len, 76, 120);
ABI_CHECK_OFFSET(struct start_info, cmd_line, 80, 128);
ABI_CHECK_OFFSET(struct start_info, first_p2m_pfn, 1104, 1152);
ABI_CHECK_OFFSET(struct start_info, nr_p2m_frames, 1108, 1160);
ABI_CHECK_SIZE(struct start_info, 1112, 1168);

/* ---- shared_info, vcpu_info, time (ABI.md section 4) ---- */

#define XEN_LEGACY_MAX_VCPUS 32
#define EVTCHN_WORDS (sizeof(xen_ulong_t) * 8)

struct vcpu_time_info {
	uint32_t version; /* odd while the hypervisor updates the record */
	uint32_t pad0;
	uint64_t tsc_timestamp;
	uint64_t system_time; /* ns since boot at tsc_timestamp */
	uint32_t tsc_to_system_mul;
	int8_t tsc_shift;
	uint8_t flags;
	uint8_t pad1[2];
};

ABI_CHECK_OFFSET(struct vcpu_time_info, tsc_timestamp, 8, 8);
ABI_CHECK_OFFSET(struct vcpu_time_info, system_time, 16, 16);
ABI_CHECK_OFFSET(struct vcpu_time_info, tsc_to_system_mul, 24, 24);
ABI_CHECK_OFFSET(struct vcpu_time_info, tsc_shift, 28, 28);
ABI_CHECK_OFFSET(struct vcpu_time_info, flags, 29, 29);
ABI_CHECK_SIZE(struct vcpu_time_info, 32, 32);

/* x86: cr2 is the fault address of the last #PF bounce; the padding keeps time at 32. */
struct arch_vcpu_info {
	unsigned long cr2;
	unsigned long pad[32 / sizeof(unsigned long) - 3];
};

struct vcpu_info {
	uint8_t evtchn_upcall_pending;
	uint8_t evtchn_upcall_mask;
	xen_ulong_t evtchn_pending_sel;
	struct arch_vcpu_info arch;
	struct vcpu_time_info time;
};

ABI_CHECK_OFFSET(struct vcpu_info, evtchn_upcall_mask, 1, 1);
ABI_CHECK_OFFSET(struct vcpu_info, evtchn_pending_sel, 4, 8);
ABI_CHECK_OFFSET(struct vcpu_info, arch.cr2, 8, 16);
ABI_CHECK_OFFSET(struct vcpu_info, time, 32, 32);
ABI_CHECK_SIZE(struct vcpu_info, 64, 64);

struct arch_shared_info {
	unsigned long max_pfn;
	xen_pfn_t pfn_to_mfn_frame_list_list;
	unsigned long nmi_reason;
	xen_pfn_t p2m_cr3;
	unsigned long p2m_vaddr;
	unsigned long p2m_generation;
	uint32_t wc_sec_hi;
};

struct shared_info {
	struct vcpu_info vcpu_info[XEN_LEGACY_MAX_VCPUS];
	xen_ulong_t evtchn_pending[EVTCHN_WORDS];
	xen_ulong_t evtchn_mask[EVTCHN_WORDS];
	uint32_t wc_version;
	uint32_t wc_sec;
	uint32_t wc_nsec;
	struct arch_shared_info arch;
};

ABI_CHECK_OFFSET(struct shared_info, evtchn_pending, 2048, 2048);
ABI_CHECK_OFFSET(struct shared_info, evtchn_mask, 2176, 2560);
ABI_CHECK_OFFSET(struct shared_info, wc_version, 2304, 3072);
ABI_CHECK_OFFSET(struct shared_info, wc_sec, 2308, 3076);
ABI_CHECK_OFFSET(struct shared_info, wc_nsec, 2312, 3080);
ABI_CHECK_OFFSET(struct shared_info, arch, 2316, 3088);
ABI_CHECK_SIZE(struct shared_info, 2344, 3144);

/* ---- memory management (ABI.md section 6) ---- */

/*
 * mmu_update (1): the low bits of ptr, below the entry size, are the command; ptr without
 * them is the machine address of the entry (or, for MACHPHYS_UPDATE, of the frame).
 */
#define MMU_NORMAL_PT_UPDATE 0
#define MMU_MACHPHYS_UPDATE 1
#define MMU_PT_UPDATE_PRESERVE_AD 2
#define MMU_UPDATE_CMD_MASK 7U

struct mmu_update {
	uint64_t ptr;
	uint64_t val;
};

ABI_CHECK_OFFSET(struct mmu_update, val, 8, 8);
ABI_CHECK_SIZE(struct mmu_update, 16, 16);

/* mmuext_op (26) commands. */
#define MMUEXT_PIN_L1_TABLE 0
#define MMUEXT_PIN_L2_TABLE 1
#define MMUEXT_PIN_L3_TABLE 2
#define MMUEXT_PIN_L4_TABLE 3
#define MMUEXT_UNPIN_TABLE 4
#define MMUEXT_NEW_BASEPTR 5
#define MMUEXT_TLB_FLUSH_LOCAL 6
#define MMUEXT_INVLPG_LOCAL 7
#define MMUEXT_TLB_FLUSH_MULTI 8
#define MMUEXT_INVLPG_MULTI 9
#define MMUEXT_TLB_FLUSH_ALL 10
#define MMUEXT_INVLPG_ALL 11
#define MMUEXT_FLUSH_CACHE 12
#define MMUEXT_SET_LDT 13
#define MMUEXT_NEW_USER_BASEPTR 15
#define MMUEXT_CLEAR_PAGE 16
#define MMUEXT_COPY_PAGE 17

struct mmuext_op {
	unsigned int cmd;
	union {
		xen_pfn_t mfn;		   /* pins, NEW_BASEPTR, CLEAR_PAGE, COPY_PAGE (target) */
		unsigned long linear_addr; /* INVLPG_*, SET_LDT */
	} arg1;
	union {
		unsigned int nr_ents; /* SET_LDT */
		const void *vcpumask; /* TLB_FLUSH_MULTI, INVLPG_MULTI: guest pointer */
		xen_pfn_t src_mfn;    /* COPY_PAGE */
	} arg2;
};

ABI_CHECK_OFFSET(struct mmuext_op, arg1, 4, 8);
ABI_CHECK_OFFSET(struct mmuext_op, arg2, 8, 16);
ABI_CHECK_SIZE(struct mmuext_op, 12, 24);

/*
 * update_va_mapping (14) flags: the flush type in the low two bits; above them UVMF_LOCAL
 * (0), UVMF_ALL, or else a guest pointer to a vCPU bitmap (UVMF_MULTI).
 */
#define UVMF_NONE 0UL
#define UVMF_TLB_FLUSH 1UL
#define UVMF_INVLPG 2UL
#define UVMF_FLUSHTYPE_MASK 3UL
#define UVMF_MULTI 0UL
#define UVMF_LOCAL 0UL
#define UVMF_ALL 4UL

/* multicall (13): one call of a batch; result is written back, the rest is left alone. */
struct multicall_entry {
	xen_ulong_t op;
	xen_ulong_t result;
	xen_ulong_t args[6];
};

ABI_CHECK_OFFSET(struct multicall_entry, result, 4, 8);
ABI_CHECK_OFFSET(struct multicall_entry, args, 8, 16);
ABI_CHECK_SIZE(struct multicall_entry, 32, 64);

/* vm_assist (21) commands and types. */
#define VMASST_CMD_enable 0
#define VMASST_CMD_disable 1
#define VMASST_TYPE_4gb_segments 0
#define VMASST_TYPE_4gb_segments_notify 1
#define VMASST_TYPE_writable_pagetables 2
#define VMASST_TYPE_pae_extended_cr3 3
#define VMASST_TYPE_architectural_iopl 4

#endif
