/*
 * offsets.c: checks plat/offsets.h, the structure layout the assembly code relies on,
 * against the C definitions. Compiles to nothing; a mismatch fails the build.
 */
#include "domain.h"
#include "hypercall.h"
#include "plat/offsets.h"
#include "plat/vcpu.h"

#define CHECK_OFFSET(type, member, expected) \
	_Static_assert(offsetof(type, member) == (expected), #type "." #member)

CHECK_OFFSET(struct guest_regs, hcall_number, GUEST_REGS_HCALL_NUMBER);
CHECK_OFFSET(struct guest_regs, x[0], GUEST_REGS_X0);
CHECK_OFFSET(struct guest_regs, x[2], GUEST_REGS_X2);
CHECK_OFFSET(struct guest_regs, x[4], GUEST_REGS_X4);
CHECK_OFFSET(struct guest_regs, x[6], GUEST_REGS_X6);
CHECK_OFFSET(struct guest_regs, x[8], GUEST_REGS_X8);
CHECK_OFFSET(struct guest_regs, x[10], GUEST_REGS_X10);
CHECK_OFFSET(struct guest_regs, x[12], GUEST_REGS_X12);
CHECK_OFFSET(struct guest_regs, x[14], GUEST_REGS_X14);
CHECK_OFFSET(struct guest_regs, x[16], GUEST_REGS_X16);
CHECK_OFFSET(struct guest_regs, x[18], GUEST_REGS_X18);
CHECK_OFFSET(struct guest_regs, x[20], GUEST_REGS_X20);
CHECK_OFFSET(struct guest_regs, x[22], GUEST_REGS_X22);
CHECK_OFFSET(struct guest_regs, x[24], GUEST_REGS_X24);
CHECK_OFFSET(struct guest_regs, x[26], GUEST_REGS_X26);
CHECK_OFFSET(struct guest_regs, x[28], GUEST_REGS_X28);
CHECK_OFFSET(struct guest_regs, x[30], GUEST_REGS_X30);
CHECK_OFFSET(struct guest_regs, elr, GUEST_REGS_ELR);
CHECK_OFFSET(struct guest_regs, spsr, GUEST_REGS_SPSR);
_Static_assert(sizeof(struct guest_regs) == GUEST_REGS_SIZE, "sizeof struct guest_regs");
_Static_assert(offsetof(struct arch_vcpu, vcpu_info) - offsetof(struct arch_vcpu, regs) ==
		   FRAME_VCPU_INFO,
	       "struct arch_vcpu.vcpu_info from the frame");
CHECK_OFFSET(struct vcpu_info, evtchn_upcall_pending, VCPU_INFO_UPCALL_PENDING);
CHECK_OFFSET(struct vcpu_info, evtchn_upcall_mask, VCPU_INFO_UPCALL_PENDING + 1);

/* The hypercall entry passes &regs->hcall_number as the struct hcall_args. */
CHECK_OFFSET(struct hcall_args, number, GUEST_REGS_HCALL_NUMBER);
CHECK_OFFSET(struct hcall_args, arg[0], GUEST_REGS_X0);
_Static_assert(sizeof(struct hcall_args) <= GUEST_REGS_X0 + 6 * sizeof(uint64_t),
	       "struct hcall_args overlays hcall_number and x0-x5");
_Static_assert(HCALL_MAX_ARGS == 6, "struct hcall_args overlays hcall_number and x0-x5");
CHECK_OFFSET(struct vcpu, hypervisor_entries, VCPU_HYPERVISOR_ENTRIES);
CHECK_OFFSET(struct vcpu, arch.regs, VCPU_ARCH_REGS);
_Static_assert(HYPERCALL_TABLE_SIZE == HCALL_TABLE_SIZE, "the hypercall table's size");
_Static_assert(HV_STACK_SIZE % 16 == 0, "the stack must stay 16-byte aligned");
