/*
 * event.c (fake arch): the event upcall, recorded for the tests.
 *
 * arch_event_upcall_due is the core's rule alone (the fake has no interrupt mask of the
 * guest's own); arch_event_upcall counts the upcall and masks events, as the real arches
 * do when they enter the guest's callback.
 */
#include "fake.h"

#include "arch/event.h"

static unsigned int upcall_count;
static const struct vcpu *upcall_last;

unsigned int fake_upcall_count(void)
{
	return upcall_count;
}

const struct vcpu *fake_upcall_last(void)
{
	return upcall_last;
}

bool arch_event_upcall_due(const struct vcpu *v)
{
	return evtchn_upcall_deliverable(&v->domain->shared_info->vcpu_info[v->id]);
}

void arch_event_upcall(struct vcpu *v)
{
	upcall_count++;
	upcall_last = v;
	__atomic_store_n(&v->domain->shared_info->vcpu_info[v->id].evtchn_upcall_mask, 1,
			 __ATOMIC_SEQ_CST);
}
