/*
 * evtchn_2l.c: the 2-level event protocol on a shared_info page (ABI.md section 4).
 *
 * Port p is bit p % W of evtchn_pending[p / W] and evtchn_mask[p / W] (W bits to a
 * xen_ulong_t); bit p / W of a vCPU's evtchn_pending_sel says "look at word p / W", and
 * evtchn_upcall_pending says "look at the selector". The guest clears these bits as it
 * consumes events (upcall_pending, then the selector with an exchange, then each pending
 * bit) while the hypervisor may be setting them on another CPU, so every read-modify-write
 * here is atomic and ordered: the hypervisor sets pending before the selector before
 * upcall_pending, the reverse of the order the guest clears them in, so whatever the
 * interleaving the guest either sees the new event in this scan or gets another upcall.
 *
 * evtchn_2l_set_pending's first step and the signalling of a vCPU are inline
 * (event_channel.h): the send hypercall's hot path, which for a port already pending is
 * one atomic OR.
 *
 * These functions only change bits and report what changed (EVTCHN_NOTIFY_*); waking and
 * upcall delivery are the caller's.
 */
#include "check.h"
#include "event_channel.h"

static xen_ulong_t *pending_word(struct shared_info *s, evtchn_port_t port)
{
	return &s->evtchn_pending[port / EVTCHN_BITS_PER_WORD];
}

static xen_ulong_t *mask_word(struct shared_info *s, evtchn_port_t port)
{
	return &s->evtchn_mask[port / EVTCHN_BITS_PER_WORD];
}

static xen_ulong_t port_bit(evtchn_port_t port)
{
	return (xen_ulong_t)1 << (port % EVTCHN_BITS_PER_WORD);
}

static bool test_and_clear(xen_ulong_t *word, xen_ulong_t bit)
{
	return (__atomic_fetch_and(word, ~bit, __ATOMIC_SEQ_CST) & bit) != 0;
}

static bool test(const xen_ulong_t *word, xen_ulong_t bit)
{
	return (__atomic_load_n(word, __ATOMIC_SEQ_CST) & bit) != 0;
}

static void check_port(unsigned int vcpu_id, evtchn_port_t port)
{
	CHECK(port < EVTCHN_MAX_PORTS);
	CHECK(vcpu_id < XEN_LEGACY_MAX_VCPUS);
}

noreturn void evtchn_2l_bad_port(unsigned int vcpu_id, evtchn_port_t port)
{
	check_port(vcpu_id, port);
	panic("evtchn_2l: port %u, vcpu %u", port, vcpu_id);
}

HOT_CALL unsigned int evtchn_2l_raised(struct shared_info *s, unsigned int vcpu_id,
				       evtchn_port_t port)
{
	/* port and vcpu_id: as evtchn_2l_set_pending checked them, its only caller. */
	xen_ulong_t mask = __atomic_load_n(mask_word(s, port), __ATOMIC_SEQ_CST);

	/* A shift, not a mask bit: one register fewer on the send's hot path. */
	if ((mask >> (port % EVTCHN_BITS_PER_WORD)) & 1) {
		return EVTCHN_NOTIFY_PENDING;
	}
	return EVTCHN_NOTIFY_PENDING | evtchn_2l_signal(s, vcpu_id, port);
}

unsigned int evtchn_2l_unmask(struct shared_info *s, unsigned int vcpu_id, evtchn_port_t port)
{
	check_port(vcpu_id, port);
	if (!test_and_clear(mask_word(s, port), port_bit(port)) ||
	    !test(pending_word(s, port), port_bit(port))) {
		return 0;
	}
	return evtchn_2l_signal(s, vcpu_id, port);
}

void evtchn_2l_clear_pending(struct shared_info *s, evtchn_port_t port)
{
	CHECK(port < EVTCHN_MAX_PORTS);
	test_and_clear(pending_word(s, port), port_bit(port));
}

bool evtchn_2l_is_pending(const struct shared_info *s, evtchn_port_t port)
{
	CHECK(port < EVTCHN_MAX_PORTS);
	return test(&s->evtchn_pending[port / EVTCHN_BITS_PER_WORD], port_bit(port));
}

bool evtchn_2l_is_masked(const struct shared_info *s, evtchn_port_t port)
{
	CHECK(port < EVTCHN_MAX_PORTS);
	return test(&s->evtchn_mask[port / EVTCHN_BITS_PER_WORD], port_bit(port));
}
