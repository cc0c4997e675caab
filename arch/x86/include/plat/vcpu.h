/*
 * plat/vcpu.h (x86): what the x86 backend keeps per vCPU and per domain.
 *
 * A vCPU that is not on the CPU is its saved register frame plus its page-table base
 * (the machine address of its PAE L3, loaded into cr3), and the virtual CPU a PV kernel
 * sees: its virtual IDT (set_trap_table), its ring-1 stack (stack_switch), its callbacks,
 * the virtual CR0.TS and CR2, the virtual IOPL, its GDT frames and its x87 state. What
 * of it the hardware holds (the direct 0x80 gate, the TSS ring-1 stack, the guest half of
 * the GDT, CR0.TS) is loaded when the vCPU enters (cpu_state.c), and so are its registers,
 * into the frame at the top of the entry stack, where its traps put them (entry.S).
 */
#ifndef RINGO_PLAT_VCPU_H
#define RINGO_PLAT_VCPU_H

#include "addr.h"
#include "plat/regs.h"
#include "public/arch_x86.h"
#include "public/callback.h"

#define X86_VECTORS 256
#define X86_FPU_STATE_SIZE 108 /* fnsave's 32-bit protected-mode image */
#define X86_LDT_FRAMES 16      /* 8192 descriptors */

/* One vector of a guest's virtual IDT; eip 0 means no handler. */
struct x86_trap_entry {
	uint32_t eip;
	uint16_t cs;
	uint8_t flags; /* trap_info flags: TI_DPL_MASK, TI_MASK_EVENTS */
};

struct x86_callback {
	uint32_t eip; /* 0: none registered */
	uint16_t cs;
	uint16_t flags; /* CALLBACKF_* */
};

/*
 * The guest page the vCPU's last bounce frame went to (bounce.c): its directmap address,
 * good while mm_pt_changes (mm.h) has not moved, i.e. no page table or base changed.
 */
struct x86_bounce_page {
	uint32_t page; /* 0: none */
	uint8_t *target;
	uint64_t changes;
};

struct vcpu_info;

struct arch_vcpu {
	/* Its registers: x86_guest_frame while loaded on the CPU, else saved_regs. */
	struct x86_regs *regs;
	struct x86_regs saved_regs;
	maddr_t cr3;
	/* Its vcpu_info in its domain's shared_info (set at arch_vcpu_init, read by entry.S). */
	struct vcpu_info *vcpu_info;
	struct x86_trap_entry traps[X86_VECTORS];
	/* The syscall vector's gate traps asks for, as cpu_state.c compares it; 0: the
	 * hypervisor's. */
	uint64_t syscall_gate;
	struct x86_callback callbacks[CALLBACKTYPE_COUNT];
	uint32_t kernel_ss; /* stack_switch: the ring-1 stack for traps from ring 3 */
	uint32_t kernel_sp;
	uint32_t cr2;	   /* fault address of the last #PF bounced to the guest */
	unsigned int iopl; /* virtual IOPL (physdev_op set_iopl) */
	bool cr0_ts;	   /* virtual CR0.TS (fpu_taskswitch) */
	bool fpu_used;	   /* fpu_state holds this vCPU's x87 state */
	/*
	 * One more than hypervisor_entries when a failsafe bounce was last made: the bounce
	 * has not yet reached the guest while no entry from it came since (0: none made).
	 */
	uint64_t failsafe_mark;
	struct x86_bounce_page bounce_page;
	mfn_t gdt_frames[X86_GUEST_GDT_FRAMES];
	unsigned int gdt_entries; /* set_gdt: 0 when the guest has no GDT of its own */
	mfn_t ldt_frames[X86_LDT_FRAMES];
	unsigned int ldt_entries; /* SET_LDT: 0 when the guest has no LDT */
	alignas(4) uint8_t fpu_state[X86_FPU_STATE_SIZE];
};

struct arch_domain {
	int unused; /* everything x86 keeps is per vCPU */
};

#endif
