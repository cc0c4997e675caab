/*
 * ringo_debug.c: the ringo_debug hypercall (55), Ringo's own window for the tests.
 *
 * RINGO_DEBUG_hypervisor_entries returns how many times the calling vCPU has entered the
 * hypervisor (this call included), so a test can prove that a path such as the ring-3
 * system call or an EL0 page fault never entered it. RINGO_DEBUG_idle_ns returns how long
 * the CPU has idled (ns, 64 bits, written to the guest), so a test can show that blocking halts
 * rather than spins. The number lies
 * in the range Xen leaves to each architecture, so no Xen hypercall is shadowed.
 */
#include "domain.h"
#include "guest_access.h"
#include "hypercall.h"
#include "public/errno.h"
#include "sched.h"

HOT_CALL long do_ringo_debug(struct vcpu *v, const struct hcall_args *args)
{
	switch (args->arg[0]) {
	case RINGO_DEBUG_hypervisor_entries:
		/* The low bits are enough for a test that compares two readings. */
		return (long)(v->hypervisor_entries & 0x7fffffffUL);
	case RINGO_DEBUG_idle_ns: {
		uint64_t idle_ns = sched_idle_ns();

		return copy_to_guest(gvaddr(args->arg[1]), &idle_ns, sizeof(idle_ns)) ? -EFAULT : 0;
	}
	default:
		return -ENOSYS;
	}
}
