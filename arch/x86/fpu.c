/*
 * fpu.c (x86): the guests' x87 state, switched lazily, and the virtual CR0.TS.
 *
 * The hypervisor never uses the FPU (it is built -mgeneral-regs-only), so the FPU holds
 * one vCPU's x87 state at a time, its owner's. CR0.TS is set while any other vCPU runs,
 * and while the running vCPU has set its virtual TS (fpu_taskswitch, or mov to cr0): its
 * first x87 instruction then traps with #NM. If the vCPU asked for TS, the #NM is its own
 * (the hypervisor clears the virtual TS and bounces it, as Xen does, since the guest's
 * handler will restore its state and expects TS clear); otherwise the hypervisor saves
 * the owner's state (fnsave, 108 bytes: guests have no SSE, CR4.OSFXSR is off), restores
 * this vCPU's, or initialises a fresh FPU on first use, and retries the instruction.
 * fpu_taskswitch (5) sets or clears the virtual TS, as do clts and mov to cr0 (emulate.c).
 */
#include "hypercall.h"
#include "plat/cpu.h"
#include "plat/cpu_state.h"

struct vcpu *fpu_owner;
uint8_t fpu_hardware_ts = 2; /* unknown until first written */

HOT_CALL void fpu_write_hardware_ts(uint8_t on)
{
	uint32_t cr0 = x86_read_cr0();

	x86_write_cr0(on ? cr0 | X86_CR0_TS : cr0 & ~X86_CR0_TS);
	fpu_hardware_ts = on;
}

void fpu_forget(struct vcpu *v)
{
	if (fpu_owner == v) {
		fpu_owner = NULL;
	}
	v->arch.fpu_used = false;
}

static void fpu_switch_to(struct vcpu *v)
{
	fpu_set_hardware_ts(false);
	if (fpu_owner) {
		__asm__ volatile("fnsave %0" : "=m"(fpu_owner->arch.fpu_state));
		fpu_owner->arch.fpu_used = true;
	}
	if (v->arch.fpu_used) {
		__asm__ volatile("frstor %0" : : "m"(v->arch.fpu_state));
	} else {
		__asm__ volatile("fninit");
	}
	fpu_owner = v;
}

void fpu_set_virtual_ts(struct vcpu *v, bool on)
{
	v->arch.cr0_ts = on;
	/* The hardware TS follows at v's next entry (fpu_enter): a full one. */
	x86_full_exit = true;
}

bool fpu_device_not_available(struct vcpu *v)
{
	if (v->arch.cr0_ts) {
		fpu_set_virtual_ts(v, false);
		return false;
	}
	if (fpu_owner != v) {
		fpu_switch_to(v);
	}
	return true;
}

HOT_CALL long do_fpu_taskswitch(struct vcpu *v, const struct hcall_args *args)
{
	fpu_set_virtual_ts(v, args->arg[0] != 0);
	return 0;
}
