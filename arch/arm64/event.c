/*
 * event.c: the event upcall on ARM64 (core/include/arch/event.h, ABI.md section 8).
 *
 * The upcall is an IRQ exception the hypervisor makes up: the guest enters its VBAR_EL1
 * IRQ vector exactly as a hardware IRQ would take it, with evtchn_upcall_mask set in its
 * vcpu_info so that no second upcall nests before it is ready. Like a real IRQ it waits
 * while the guest runs with PSTATE.I set. arch_vcpu.vcpu_info points at the vCPU's
 * vcpu_info so the hypercall fast return (vectors.S) tests it in two loads.
 */
#include "arch/event.h"
#include "check.h"
#include "plat/sysreg.h"
#include "plat/traps.h"
#include "plat/vcpu_run.h"

bool arch_event_upcall_due(const struct vcpu *v)
{
	return !(v->arch.regs.spsr & PSR_I) && evtchn_upcall_deliverable(v->arch.vcpu_info);
}

void arch_event_upcall(struct vcpu *v)
{
	CHECK(vcpu_is_loaded(v));
	__atomic_store_n(&v->arch.vcpu_info->evtchn_upcall_mask, 1, __ATOMIC_SEQ_CST);
	inject_irq(&v->arch.regs);
}
