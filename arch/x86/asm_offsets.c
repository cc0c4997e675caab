/*
 * asm_offsets.c (x86): structure offsets for the assembly files, generated from C.
 *
 * Not linked: the build compiles it to assembly and turns each "->NAME value" line into
 * "#define NAME value" in generated/asm_offsets.h (see arch.mk), so entry code never
 * hard-codes an offset. The static assertions check what assembly relies on beyond
 * offsets: the order of the stubs' pushes, and the CPU's part of the frame contiguous, in
 * the CPU's order.
 */
#include "arch/config.h"
#include "domain.h"
#include "hypercall.h"
#include "mm.h"
#include "plat/event.h"
#include "plat/guest_eflags.h"
#include "plat/regs.h"
#include "sched.h"

#define OFFSET(name, type, member) \
	__asm__ volatile("\n->" #name " %c0" : : "i"(offsetof(type, member)))
#define SIZE(name, type) __asm__ volatile("\n->" #name " %c0" : : "i"(sizeof(type)))
#define VALUE(name, value) __asm__ volatile("\n->" #name " %c0" : : "i"(value))

_Static_assert(sizeof(struct mmu_update) == 16, "entry.S peeks a request as four words");
_Static_assert(offsetof(struct x86_regs, hcall.number) == offsetof(struct x86_regs, eax) &&
		   offsetof(struct x86_regs, hcall.arg[0]) == offsetof(struct x86_regs, ebx) &&
		   offsetof(struct x86_regs, hcall.arg[5]) == offsetof(struct x86_regs, ebp) &&
		   sizeof(struct hcall_args) == offsetof(struct x86_regs, ds),
	       "the general registers are a hypercall's number and arguments, in order");
_Static_assert(offsetof(struct x86_regs, ebx) == offsetof(struct x86_regs, eax) + 4 &&
		   offsetof(struct x86_regs, ecx) == offsetof(struct x86_regs, ebx) + 4 &&
		   offsetof(struct x86_regs, edx) == offsetof(struct x86_regs, ecx) + 4 &&
		   offsetof(struct x86_regs, esi) == offsetof(struct x86_regs, edx) + 4 &&
		   offsetof(struct x86_regs, edi) == offsetof(struct x86_regs, esi) + 4 &&
		   offsetof(struct x86_regs, ebp) == offsetof(struct x86_regs, edi) + 4 &&
		   offsetof(struct x86_regs, eax) == 0,
	       "the stubs push ebp, edi, esi, edx, ecx, ebx, eax: eax lowest");
_Static_assert(offsetof(struct x86_regs, ds) == offsetof(struct x86_regs, ebp) + 4 &&
		   offsetof(struct x86_regs, es) == offsetof(struct x86_regs, ds) + 4 &&
		   offsetof(struct x86_regs, fs) == offsetof(struct x86_regs, es) + 4 &&
		   offsetof(struct x86_regs, gs) == offsetof(struct x86_regs, fs) + 4 &&
		   offsetof(struct x86_regs, vector) == offsetof(struct x86_regs, gs) + 4,
	       "above them the stubs push gs, fs, es, ds (one word each) and the vector");
_Static_assert(offsetof(struct x86_regs, error_code) == offsetof(struct x86_regs, vector) + 4,
	       "the stub pushes the error code, then the vector");
_Static_assert(offsetof(struct x86_regs, eip) == offsetof(struct x86_regs, error_code) + 4,
	       "the CPU's frame follows the error code");
_Static_assert(offsetof(struct x86_regs, cs) == offsetof(struct x86_regs, eip) + 4 &&
		   offsetof(struct x86_regs, eflags) == offsetof(struct x86_regs, cs) + 4 &&
		   offsetof(struct x86_regs, esp) == offsetof(struct x86_regs, eflags) + 4 &&
		   offsetof(struct x86_regs, ss) == offsetof(struct x86_regs, esp) + 4,
	       "eip, cs, eflags, esp, ss in the order iret pops them");
_Static_assert(sizeof(struct x86_regs) == offsetof(struct x86_regs, ss) + 4,
	       "the frame ends with ss");
_Static_assert(sizeof(((struct vcpu *)0)->hypervisor_entries) == 8 &&
		   sizeof(((struct vcpu *)0)->runnable) == 1 &&
		   sizeof(((struct vcpu *)0)->arch.cr3) == 8 &&
		   sizeof(((struct vcpu_info *)0)->evtchn_upcall_pending) == 1 &&
		   sizeof(((struct vcpu_info *)0)->evtchn_upcall_mask) == 1,
	       "the hypercall entry adds to a 64-bit counter, tests bytes, takes cr3's low half");
_Static_assert(sizeof(mm_pt_changes) == 8 &&
		   sizeof(((struct vcpu *)0)->arch.bounce_page.page) == 4 &&
		   sizeof(((struct vcpu *)0)->arch.bounce_page.changes) == 8 &&
		   sizeof(((struct vcpu *)0)->arch.callbacks[0].eip) == 4 &&
		   sizeof(((struct vcpu *)0)->arch.callbacks[0].cs) == 2 &&
		   sizeof(((struct vcpu *)0)->arch.iopl) == 4 &&
		   sizeof(((struct domain *)0)->vm_assist) == 4,
	       "the hypercall exit's direct upcall compares 64-bit counts, reads words and cs");
_Static_assert(sizeof(sched_resched) == 1, "the hypercall entry tests sched_resched as a byte");

void asm_offsets(void);

void asm_offsets(void)
{
	OFFSET(REGS_EAX, struct x86_regs, eax);
	OFFSET(REGS_DS, struct x86_regs, ds);
	OFFSET(REGS_ES, struct x86_regs, es);
	OFFSET(REGS_FS, struct x86_regs, fs);
	OFFSET(REGS_GS, struct x86_regs, gs);
	OFFSET(REGS_VECTOR, struct x86_regs, vector);
	OFFSET(REGS_ERROR_CODE, struct x86_regs, error_code);
	OFFSET(REGS_EIP, struct x86_regs, eip);
	OFFSET(REGS_CS, struct x86_regs, cs);
	SIZE(REGS_SIZE, struct x86_regs);
	/* What the hypercall entry reads and writes of the vCPU (entry.S). */
	OFFSET(VCPU_ENTRIES, struct vcpu, hypervisor_entries);
	OFFSET(VCPU_RUNNABLE, struct vcpu, runnable);
	OFFSET(VCPU_CR3, struct vcpu, arch.cr3);
	OFFSET(VCPU_VCPU_INFO, struct vcpu, arch.vcpu_info);
	OFFSET(VCPU_INFO_PENDING, struct vcpu_info, evtchn_upcall_pending);
	OFFSET(VCPU_INFO_MASK, struct vcpu_info, evtchn_upcall_mask);
	VALUE(HYPERCALL_TABLE_SIZE, HYPERCALL_TABLE_SIZE);
	/* The hypercall exit's direct event upcall (entry.S). */
	OFFSET(REGS_EFLAGS, struct x86_regs, eflags);
	OFFSET(REGS_ESP, struct x86_regs, esp);
	OFFSET(REGS_SS, struct x86_regs, ss);
	OFFSET(VCPU_DOMAIN, struct vcpu, domain);
	OFFSET(VCPU_IOPL, struct vcpu, arch.iopl);
	OFFSET(VCPU_EVENT_CALLBACK_EIP, struct vcpu, arch.callbacks[CALLBACKTYPE_event].eip);
	OFFSET(VCPU_EVENT_CALLBACK_CS, struct vcpu, arch.callbacks[CALLBACKTYPE_event].cs);
	OFFSET(VCPU_BOUNCE_PAGE, struct vcpu, arch.bounce_page.page);
	OFFSET(VCPU_BOUNCE_TARGET, struct vcpu, arch.bounce_page.target);
	OFFSET(VCPU_BOUNCE_CHANGES, struct vcpu, arch.bounce_page.changes);
	OFFSET(DOMAIN_VM_ASSIST, struct domain, vm_assist);
	VALUE(VMASST_ARCHITECTURAL_IOPL, 1UL << VMASST_TYPE_architectural_iopl);
	VALUE(UPCALL_FRAME_SIZE, X86_UPCALL_FRAME_SIZE);
	VALUE(UPCALL_EFLAGS_CLEARED, X86_EFLAGS_CLEARED_BY_BOUNCE);
	VALUE(UPCALL_EFLAGS_IF_IOPL, X86_EFLAGS_IF | X86_EFLAGS_IOPL);
	VALUE(UPCALL_EFLAGS_IF, X86_EFLAGS_IF);
	VALUE(UPCALL_IOPL_SHIFT, X86_EFLAGS_IOPL_SHIFT);
	/* The hypercall entry's EVTCHNOP_send path (entry.S). */
	VALUE(HYPERCALL_EVENT_CHANNEL_OP, __HYPERVISOR_event_channel_op);
	VALUE(EVTCHNOP_SEND, EVTCHNOP_send);
	VALUE(GUEST_VA_LIMIT_PAGES, ARCH_GUEST_VA_LIMIT >> PAGE_SHIFT); /* the sed takes no sign */
	/* The hypercall entry's single mmu_update path (entry.S), which peeks four words. */
	VALUE(HYPERCALL_MMU_UPDATE, __HYPERVISOR_mmu_update);
	VALUE(MMU_UPDATE_SIZE, sizeof(struct mmu_update));
	VALUE(MMU_UPDATE_DOMID_SELF, DOMID_SELF);
}
