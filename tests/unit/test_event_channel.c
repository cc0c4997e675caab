/*
 * test_event_channel.c: event channels (core/evtchn_2l.c, core/event_channel.c,
 * core/evtchn_op.c): the 2-level bit protocol, Xen's rules for each command, the hypercall's
 * copying, and "no event lost or delivered twice" against a model guest.
 *
 * The model guest consumes events as Linux's 2-level handler does: clear
 * evtchn_upcall_pending, exchange the selector with 0, and for each selected word take the
 * pending and unmasked bits, clearing each pending bit before handling its port.
 */
#include <criterion/criterion.h>

#include "fake.h"

#include "arch/config.h"
#include "event_channel.h"
#include "pt_fixture.h"
#include "public/errno.h"

static struct domain *d0;
static struct domain *d1;
static struct domain *d2;

static void setup(void)
{
	fixture_boot();
	d0 = domain_create(0, true);
	d1 = domain_create(1, false);
	d2 = domain_create(2, false);
	cr_assert(d0 && d1 && d2);
}

TestSuite(event_channel, .init = setup);
TestSuite(evtchn_2l);
TestSuite(evtchn_op, .init = setup);
TestSuite(evtchn_model);

#define BITS EVTCHN_BITS_PER_WORD
#define ALL_NOTIFY (EVTCHN_NOTIFY_PENDING | EVTCHN_NOTIFY_KICK | EVTCHN_NOTIFY_UPCALL)

static bool sel_bit(const struct shared_info *s, unsigned int vcpu, unsigned int word)
{
	return (s->vcpu_info[vcpu].evtchn_pending_sel >> word) & 1;
}

static void mask(struct shared_info *s, evtchn_port_t port)
{
	s->evtchn_mask[port / BITS] |= (xen_ulong_t)1 << (port % BITS);
}

/* ---- the model guest's upcall handler, run to completion ---- */

/* Delivers every pending, unmasked port once; counts[port] counts deliveries. */
static unsigned int guest_upcall(struct shared_info *s, unsigned int vcpu, unsigned int *counts)
{
	struct vcpu_info *info = &s->vcpu_info[vcpu];
	unsigned int delivered = 0;
	xen_ulong_t sel;

	info->evtchn_upcall_pending = 0;
	sel = __atomic_exchange_n(&info->evtchn_pending_sel, 0, __ATOMIC_SEQ_CST);
	while (sel) {
		unsigned int word = (unsigned int)__builtin_ctzl(sel);
		xen_ulong_t bits = s->evtchn_pending[word] & ~s->evtchn_mask[word];

		sel &= sel - 1;
		while (bits) {
			unsigned int bit = (unsigned int)__builtin_ctzl(bits);
			xen_ulong_t one = (xen_ulong_t)1 << bit;

			bits &= bits - 1;
			if (__atomic_fetch_and(&s->evtchn_pending[word], ~one, __ATOMIC_SEQ_CST) &
			    one) {
				counts[word * BITS + bit]++;
				delivered++;
			}
		}
	}
	return delivered;
}

/* ---- the 2-level protocol ---- */

Test(evtchn_2l, raise_sets_pending_selector_and_upcall_once)
{
	static struct shared_info s;
	evtchn_port_t port = 3 * BITS + 5;

	cr_assert_eq(evtchn_2l_set_pending(&s, 0, port), ALL_NOTIFY);
	cr_assert(evtchn_2l_is_pending(&s, port));
	cr_assert_eq(s.evtchn_pending[3], (xen_ulong_t)1 << 5);
	cr_assert_eq(s.vcpu_info[0].evtchn_pending_sel, (xen_ulong_t)1 << 3);
	cr_assert_eq(s.vcpu_info[0].evtchn_upcall_pending, 1);
	cr_assert(evtchn_upcall_deliverable(&s.vcpu_info[0]));
	cr_assert_eq(evtchn_2l_set_pending(&s, 0, port), 0, "already pending: nothing new");
}

Test(evtchn_2l, upcall_already_pending_is_not_kicked_again)
{
	static struct shared_info s;

	cr_assert_eq(evtchn_2l_set_pending(&s, 0, 1), ALL_NOTIFY);
	cr_assert_eq(evtchn_2l_set_pending(&s, 0, 2 * BITS), EVTCHN_NOTIFY_PENDING);
	cr_assert(sel_bit(&s, 0, 2), "the selector still names the new word");
}

Test(evtchn_2l, upcall_mask_holds_the_upcall_but_still_kicks)
{
	static struct shared_info s;

	s.vcpu_info[0].evtchn_upcall_mask = 1;
	cr_assert_eq(evtchn_2l_set_pending(&s, 0, 7), EVTCHN_NOTIFY_PENDING | EVTCHN_NOTIFY_KICK);
	cr_assert_eq(s.vcpu_info[0].evtchn_upcall_pending, 1);
	cr_assert_not(evtchn_upcall_deliverable(&s.vcpu_info[0]));
	s.vcpu_info[0].evtchn_upcall_mask = 0;
	cr_assert(evtchn_upcall_deliverable(&s.vcpu_info[0]));
}

Test(evtchn_2l, masked_port_stays_pending_and_unmask_raises_it_once)
{
	static struct shared_info s;
	unsigned int counts[EVTCHN_MAX_PORTS] = {0};

	mask(&s, 9);
	cr_assert_eq(evtchn_2l_set_pending(&s, 0, 9), EVTCHN_NOTIFY_PENDING);
	cr_assert_eq(evtchn_2l_set_pending(&s, 0, 9), 0);
	cr_assert_eq(s.vcpu_info[0].evtchn_pending_sel, 0);
	cr_assert_eq(s.vcpu_info[0].evtchn_upcall_pending, 0);
	cr_assert_eq(evtchn_2l_unmask(&s, 0, 9), EVTCHN_NOTIFY_KICK | EVTCHN_NOTIFY_UPCALL);
	cr_assert_not(evtchn_2l_is_masked(&s, 9));
	cr_assert(sel_bit(&s, 0, 0));
	cr_assert_eq(evtchn_2l_unmask(&s, 0, 9), 0, "a second unmask re-raises nothing");
	cr_assert_eq(guest_upcall(&s, 0, counts), 1);
	cr_assert_eq(counts[9], 1);
	cr_assert_eq(guest_upcall(&s, 0, counts), 0);
}

Test(evtchn_2l, unmask_of_a_quiet_port_only_unmasks)
{
	static struct shared_info s;

	mask(&s, 4);
	cr_assert_eq(evtchn_2l_unmask(&s, 0, 4), 0);
	cr_assert_not(evtchn_2l_is_masked(&s, 4));
	cr_assert_eq(s.vcpu_info[0].evtchn_upcall_pending, 0);
}

Test(evtchn_2l, clear_pending_and_the_last_port)
{
	static struct shared_info s;
	evtchn_port_t last = EVTCHN_MAX_PORTS - 1;

	evtchn_2l_set_pending(&s, 0, last);
	cr_assert(sel_bit(&s, 0, last / BITS));
	evtchn_2l_clear_pending(&s, last);
	cr_assert_not(evtchn_2l_is_pending(&s, last));
}

Test(evtchn_2l, other_vcpus_selector)
{
	static struct shared_info s;

	cr_assert_eq(evtchn_2l_set_pending(&s, 5, 33), ALL_NOTIFY);
	cr_assert_eq(s.vcpu_info[0].evtchn_upcall_pending, 0);
	cr_assert_eq(s.vcpu_info[5].evtchn_upcall_pending, 1);
	cr_assert(sel_bit(&s, 5, 33 / BITS));
}

Test(evtchn_2l, out_of_range_is_a_hypervisor_bug)
{
	static struct shared_info s;

	fake_boot();
	FAKE_CATCH_ESCAPE(evtchn_2l_set_pending(&s, 0, EVTCHN_MAX_PORTS));
	cr_assert_eq(fake_escape_taken(), FAKE_ESCAPE_STOP);
	cr_assert_eq(fake_machine_status(), MACHINE_PANIC);
}

/* ---- commands ---- */

static evtchn_port_t alloc_unbound(struct domain *caller, domid_t dom, domid_t remote)
{
	struct evtchn_alloc_unbound req = {.dom = dom, .remote_dom = remote};

	cr_assert_eq(evtchn_alloc_unbound(caller, &req), 0);
	return req.port;
}

static evtchn_port_t bind_interdomain(struct domain *caller, domid_t remote,
				      evtchn_port_t remote_port)
{
	struct evtchn_bind_interdomain req = {.remote_dom = remote, .remote_port = remote_port};
	struct evtchn_notify notify;

	cr_assert_eq(evtchn_bind_interdomain(caller, &req, &notify), 0);
	return req.local_port;
}

/* A channel between a and b; their ports in *pa, *pb. */
static void connect(struct domain *a, struct domain *b, evtchn_port_t *pa, evtchn_port_t *pb)
{
	*pa = alloc_unbound(a, DOMID_SELF, b->id);
	*pb = bind_interdomain(b, a->id, *pa);
	evtchn_2l_clear_pending(b->shared_info, *pb); /* the bind's conservative raise */
	b->shared_info->vcpu_info[0].evtchn_upcall_pending = 0;
	b->shared_info->vcpu_info[0].evtchn_pending_sel = 0;
}

static struct evtchn_status status_of(const struct domain *caller, domid_t dom, evtchn_port_t port)
{
	struct evtchn_status st = {.dom = dom, .port = port};

	cr_assert_eq(evtchn_status(caller, &st), 0);
	return st;
}

Test(event_channel, alloc_unbound_gives_the_lowest_free_port_from_1)
{
	struct evtchn_status st;

	cr_assert_eq(alloc_unbound(d1, DOMID_SELF, 2), 1);
	cr_assert_eq(alloc_unbound(d1, 1, DOMID_SELF), 2);
	st = status_of(d1, DOMID_SELF, 1);
	cr_assert_eq(st.status, EVTCHNSTAT_unbound);
	cr_assert_eq(st.u.unbound.dom, 2);
	cr_assert_eq(st.vcpu, 0);
	cr_assert_eq(status_of(d1, DOMID_SELF, 2).u.unbound.dom, 1, "DOMID_SELF is the caller");
	cr_assert_eq(status_of(d1, DOMID_SELF, 0).status, EVTCHNSTAT_closed, "0 is reserved");
	cr_assert_eq(status_of(d1, DOMID_SELF, 3).status, EVTCHNSTAT_closed);
}

Test(event_channel, alloc_unbound_permissions)
{
	struct evtchn_alloc_unbound req = {.dom = 2, .remote_dom = 1};

	cr_assert_eq(evtchn_alloc_unbound(d1, &req), -EPERM, "for another domain");
	req.dom = 77;
	cr_assert_eq(evtchn_alloc_unbound(d1, &req), -ESRCH);
	cr_assert_eq(evtchn_alloc_unbound(d0, &req), -ESRCH);
	req.dom = 2;
	cr_assert_eq(evtchn_alloc_unbound(d0, &req), 0, "dom0 may, in the other domain");
	cr_assert_eq(req.port, 1);
	cr_assert_eq(d2->evtchn[1].state, EVTCHN_UNBOUND);
	cr_assert_eq(d2->evtchn[1].remote_dom, 1);
	cr_assert_eq(d0->evtchn[1].state, EVTCHN_FREE);
}

Test(event_channel, bind_interdomain_connects_both_ends_and_raises_the_new_port)
{
	evtchn_port_t remote = alloc_unbound(d1, DOMID_SELF, 2);
	struct evtchn_bind_interdomain req = {.remote_dom = 1, .remote_port = remote};
	struct evtchn_notify notify;
	struct evtchn_status st;

	alloc_unbound(d2, DOMID_SELF, 0); /* d2's port 1 taken */
	cr_assert_eq(evtchn_bind_interdomain(d2, &req, &notify), 0);
	cr_assert_eq(req.local_port, 2);
	st = status_of(d2, DOMID_SELF, 2);
	cr_assert_eq(st.status, EVTCHNSTAT_interdomain);
	cr_assert_eq(st.u.interdomain.dom, 1);
	cr_assert_eq(st.u.interdomain.port, remote);
	st = status_of(d1, DOMID_SELF, remote);
	cr_assert_eq(st.status, EVTCHNSTAT_interdomain);
	cr_assert_eq(st.u.interdomain.dom, 2);
	cr_assert_eq(st.u.interdomain.port, 2);
	cr_assert_eq(notify.vcpu, &d2->vcpu[0], "the new port is raised, as Xen does");
	cr_assert_eq(notify.flags, ALL_NOTIFY);
	cr_assert(evtchn_2l_is_pending(d2->shared_info, 2));
}

Test(event_channel, binding_needs_a_port_allocated_for_the_caller)
{
	evtchn_port_t for_d2 = alloc_unbound(d1, DOMID_SELF, 2);
	struct evtchn_bind_interdomain req = {.remote_dom = 1, .remote_port = for_d2};
	struct evtchn_notify notify;

	cr_assert_eq(evtchn_bind_interdomain(d0, &req, &notify), -EINVAL,
		     "not for dom0 either: privilege does not bind other domains' ports");
	req.remote_port = 0;
	cr_assert_eq(evtchn_bind_interdomain(d2, &req, &notify), -EINVAL, "reserved port");
	req.remote_port = 5;
	cr_assert_eq(evtchn_bind_interdomain(d2, &req, &notify), -EINVAL, "free port");
	req.remote_port = EVTCHN_MAX_PORTS;
	cr_assert_eq(evtchn_bind_interdomain(d2, &req, &notify), -EINVAL, "out of range");
	req.remote_port = UINT32_MAX;
	cr_assert_eq(evtchn_bind_interdomain(d2, &req, &notify), -EINVAL);
	req.remote_dom = 99;
	req.remote_port = for_d2;
	cr_assert_eq(evtchn_bind_interdomain(d2, &req, &notify), -ESRCH);
	req.remote_dom = 1;
	cr_assert_eq(evtchn_bind_interdomain(d2, &req, &notify), 0);
	cr_assert_eq(evtchn_bind_interdomain(d2, &req, &notify), -EINVAL, "already bound");
}

Test(event_channel, send_raises_the_peer)
{
	evtchn_port_t p1, p2;
	struct evtchn_notify notify;

	connect(d1, d2, &p1, &p2);
	cr_assert_eq(evtchn_send(d1, p1, &notify), 0);
	cr_assert_eq(notify.vcpu, &d2->vcpu[0]);
	cr_assert_eq(notify.flags, ALL_NOTIFY);
	cr_assert(evtchn_2l_is_pending(d2->shared_info, p2));
	cr_assert_not(evtchn_2l_is_pending(d1->shared_info, p1), "not the sender's own");
	cr_assert_eq(evtchn_send(d1, p1, &notify), 0);
	cr_assert_eq(notify.flags, 0, "still pending: coalesced");
	cr_assert_eq(evtchn_send(d2, p2, &notify), 0);
	cr_assert_eq(notify.vcpu, &d1->vcpu[0]);
	cr_assert(evtchn_2l_is_pending(d1->shared_info, p1));
}

Test(event_channel, send_on_bad_ports)
{
	struct evtchn_notify notify = {.vcpu = NULL};
	struct evtchn_bind_virq virq = {.virq = VIRQ_TIMER};
	evtchn_port_t unbound = alloc_unbound(d1, DOMID_SELF, 2);

	cr_assert_eq(evtchn_send(d1, unbound, &notify), 0, "unbound: dropped silently");
	cr_assert_null(notify.vcpu);
	cr_assert_eq(evtchn_send(d1, 0, &notify), -EINVAL);
	cr_assert_eq(evtchn_send(d1, 9, &notify), -EINVAL, "closed port");
	cr_assert_eq(evtchn_send(d1, EVTCHN_MAX_PORTS, &notify), -EINVAL);
	cr_assert_eq(evtchn_send(d1, UINT32_MAX, &notify), -EINVAL);
	cr_assert_eq(evtchn_bind_virq(d1, &virq), 0);
	cr_assert_eq(evtchn_send(d1, virq.port, &notify), -EINVAL, "a guest cannot fake a VIRQ");
	cr_assert_null(notify.vcpu);
}

Test(event_channel, close_leaves_the_peer_unbound_for_the_closer)
{
	evtchn_port_t p1, p2;
	struct evtchn_notify notify;
	struct evtchn_status st;

	connect(d1, d2, &p1, &p2);
	evtchn_send(d2, p2, &notify);
	cr_assert(evtchn_2l_is_pending(d1->shared_info, p1));
	cr_assert_eq(evtchn_close(d1, p1), 0);
	cr_assert_not(evtchn_2l_is_pending(d1->shared_info, p1), "closing clears pending");
	cr_assert_eq(status_of(d1, DOMID_SELF, p1).status, EVTCHNSTAT_closed);
	st = status_of(d2, DOMID_SELF, p2);
	cr_assert_eq(st.status, EVTCHNSTAT_unbound);
	cr_assert_eq(st.u.unbound.dom, 1);
	cr_assert_eq(evtchn_send(d2, p2, &notify), 0, "to an unbound end: dropped");
	cr_assert_eq(evtchn_send(d1, p1, &notify), -EINVAL, "from a closed port: refused");
	cr_assert_eq(evtchn_close(d1, p1), -EINVAL, "closed twice");
	cr_assert_eq(bind_interdomain(d1, 2, p2), p1, "the closer may bind again");
	cr_assert_eq(status_of(d2, DOMID_SELF, p2).status, EVTCHNSTAT_interdomain);
}

Test(event_channel, close_refuses_free_reserved_and_out_of_range)
{
	cr_assert_eq(evtchn_close(d1, 0), -EINVAL);
	cr_assert_eq(evtchn_close(d1, 1), -EINVAL);
	cr_assert_eq(evtchn_close(d1, EVTCHN_MAX_PORTS), -EINVAL);
	cr_assert_eq(evtchn_close(d1, alloc_unbound(d1, DOMID_SELF, 2)), 0);
}

Test(event_channel, loopback_within_one_domain)
{
	evtchn_port_t a = alloc_unbound(d1, DOMID_SELF, DOMID_SELF);
	evtchn_port_t b = bind_interdomain(d1, DOMID_SELF, a);
	struct evtchn_notify notify;

	evtchn_2l_clear_pending(d1->shared_info, b);
	cr_assert_eq(evtchn_send(d1, a, &notify), 0);
	cr_assert(evtchn_2l_is_pending(d1->shared_info, b));
	cr_assert_not(evtchn_2l_is_pending(d1->shared_info, a));
	cr_assert_eq(evtchn_close(d1, b), 0);
	cr_assert_eq(status_of(d1, DOMID_SELF, a).status, EVTCHNSTAT_unbound);
	cr_assert_eq(status_of(d1, DOMID_SELF, a).u.unbound.dom, 1);
}

Test(event_channel, bind_virq_rules_and_raising)
{
	struct evtchn_bind_virq req = {.virq = VIRQ_TIMER, .vcpu = 0};
	struct evtchn_status st;
	evtchn_port_t timer;

	cr_assert_eq(evtchn_raise_virq(&d1->vcpu[0], VIRQ_TIMER), 0, "unbound: nothing");
	cr_assert_eq(evtchn_bind_virq(d1, &req), 0);
	timer = req.port;
	st = status_of(d1, DOMID_SELF, timer);
	cr_assert_eq(st.status, EVTCHNSTAT_virq);
	cr_assert_eq(st.u.virq, VIRQ_TIMER);
	cr_assert_eq(evtchn_bind_virq(d1, &req), -EEXIST);
	req = (struct evtchn_bind_virq){.virq = NR_VIRQS};
	cr_assert_eq(evtchn_bind_virq(d1, &req), -EINVAL);
	req = (struct evtchn_bind_virq){.virq = VIRQ_CONSOLE, .vcpu = 1};
	cr_assert_eq(evtchn_bind_virq(d1, &req), -EINVAL, "global VIRQs go on vCPU 0");
	req = (struct evtchn_bind_virq){.virq = VIRQ_DEBUG, .vcpu = 1};
	cr_assert_eq(evtchn_bind_virq(d1, &req), -ENOENT, "one vCPU per domain");
	req = (struct evtchn_bind_virq){.virq = VIRQ_DEBUG, .vcpu = UINT32_MAX};
	cr_assert_eq(evtchn_bind_virq(d1, &req), -ENOENT);

	cr_assert_eq(evtchn_raise_virq(&d1->vcpu[0], VIRQ_TIMER), ALL_NOTIFY);
	cr_assert(evtchn_2l_is_pending(d1->shared_info, timer));
	cr_assert_eq(evtchn_raise_virq(&d2->vcpu[0], VIRQ_TIMER), 0, "another domain's");
	cr_assert_eq(evtchn_close(d1, timer), 0);
	cr_assert_eq(evtchn_raise_virq(&d1->vcpu[0], VIRQ_TIMER), 0, "closed: unbound again");
	req = (struct evtchn_bind_virq){.virq = VIRQ_TIMER};
	cr_assert_eq(evtchn_bind_virq(d1, &req), 0, "and bindable again");
}

Test(event_channel, bind_ipi_raises_its_own_port)
{
	struct evtchn_bind_ipi req = {.vcpu = 0};
	struct evtchn_notify notify;

	cr_assert_eq(evtchn_bind_ipi(d1, &req), 0);
	cr_assert_eq(status_of(d1, DOMID_SELF, req.port).status, EVTCHNSTAT_ipi);
	cr_assert_eq(evtchn_send(d1, req.port, &notify), 0);
	cr_assert_eq(notify.vcpu, &d1->vcpu[0]);
	cr_assert(evtchn_2l_is_pending(d1->shared_info, req.port));
	req.vcpu = 1;
	cr_assert_eq(evtchn_bind_ipi(d1, &req), -ENOENT);
}

Test(event_channel, status_permissions)
{
	struct evtchn_status st = {.dom = 2, .port = 1};

	alloc_unbound(d2, DOMID_SELF, 1);
	cr_assert_eq(evtchn_status(d1, &st), -EPERM);
	cr_assert_eq(evtchn_status(d0, &st), 0, "dom0 may look");
	cr_assert_eq(st.status, EVTCHNSTAT_unbound);
	st = (struct evtchn_status){.dom = 50, .port = 1};
	cr_assert_eq(evtchn_status(d0, &st), -ESRCH);
	st = (struct evtchn_status){.dom = DOMID_SELF, .port = EVTCHN_MAX_PORTS};
	cr_assert_eq(evtchn_status(d1, &st), -EINVAL);
}

Test(event_channel, unmask_command)
{
	evtchn_port_t p1, p2;
	struct evtchn_notify notify;

	connect(d1, d2, &p1, &p2);
	mask(d2->shared_info, p2);
	evtchn_send(d1, p1, &notify);
	cr_assert_eq(notify.flags, EVTCHN_NOTIFY_PENDING);
	cr_assert_eq(evtchn_unmask(d2, p2, &notify), 0);
	cr_assert_eq(notify.vcpu, &d2->vcpu[0]);
	cr_assert_eq(notify.flags, EVTCHN_NOTIFY_KICK | EVTCHN_NOTIFY_UPCALL);
	cr_assert_eq(evtchn_unmask(d2, p2, &notify), 0);
	cr_assert_eq(notify.flags, 0);
	cr_assert_eq(evtchn_unmask(d2, EVTCHN_MAX_PORTS, &notify), -EINVAL);
}

Test(event_channel, ports_run_out_then_come_back)
{
	struct evtchn_alloc_unbound req = {.dom = DOMID_SELF, .remote_dom = 2};

	for (evtchn_port_t port = 1; port < EVTCHN_MAX_PORTS; port++) {
		cr_assert_eq(alloc_unbound(d1, DOMID_SELF, 2), port);
	}
	cr_assert_eq(evtchn_alloc_unbound(d1, &req), -ENOSPC);
	cr_assert_eq(evtchn_close(d1, 700), 0);
	cr_assert_eq(alloc_unbound(d1, DOMID_SELF, 2), 700);
}

Test(event_channel, a_dying_domain_gets_no_new_ports)
{
	struct evtchn_alloc_unbound req = {.dom = DOMID_SELF, .remote_dom = 2};

	d1->dying = true;
	cr_assert_eq(evtchn_alloc_unbound(d1, &req), -EINVAL);
	d1->dying = false;
}

Test(event_channel, destroying_a_domain_unbinds_its_peers)
{
	evtchn_port_t p1, p2, q1, q2;
	struct evtchn_bind_virq virq = {.virq = VIRQ_TIMER};
	struct evtchn_notify notify;

	connect(d1, d2, &p1, &p2);
	connect(d0, d1, &q1, &q2);
	cr_assert_eq(evtchn_bind_virq(d1, &virq), 0);
	evtchn_domain_destroy(d1);
	for (evtchn_port_t port = 0; port < EVTCHN_MAX_PORTS; port++) {
		cr_assert_eq(d1->evtchn[port].state, EVTCHN_FREE);
	}
	cr_assert_eq(d1->vcpu[0].virq_port[VIRQ_TIMER], 0);
	cr_assert_eq(status_of(d2, DOMID_SELF, p2).status, EVTCHNSTAT_unbound);
	cr_assert_eq(status_of(d0, DOMID_SELF, q1).status, EVTCHNSTAT_unbound);
	cr_assert_eq(evtchn_send(d2, p2, &notify), 0);
}

Test(event_channel, failures_change_nothing)
{
	static struct evtchn before[3][EVTCHN_MAX_PORTS];
	static struct shared_info shared_before[3];
	struct domain *all[] = {d0, d1, d2};
	struct evtchn_notify notify;
	evtchn_port_t p1, p2;

	connect(d1, d2, &p1, &p2);
	alloc_unbound(d1, DOMID_SELF, 0);
	for (int i = 0; i < 3; i++) {
		memcpy(before[i], all[i]->evtchn, sizeof(before[i]));
		memcpy(&shared_before[i], all[i]->shared_info, sizeof(shared_before[i]));
	}
	{
		struct evtchn_alloc_unbound a = {.dom = 2, .remote_dom = 1};
		struct evtchn_bind_interdomain b = {.remote_dom = 1, .remote_port = 3};
		struct evtchn_bind_virq v = {.virq = VIRQ_CONSOLE, .vcpu = 1};
		struct evtchn_bind_ipi ipi = {.vcpu = 4};
		struct evtchn_status st = {.dom = 2, .port = p2};

		cr_assert_eq(evtchn_alloc_unbound(d1, &a), -EPERM);
		cr_assert_eq(evtchn_bind_interdomain(d2, &b, &notify), -EINVAL);
		cr_assert_eq(evtchn_bind_virq(d1, &v), -EINVAL);
		cr_assert_eq(evtchn_bind_ipi(d1, &ipi), -ENOENT);
		cr_assert_eq(evtchn_close(d1, 900), -EINVAL);
		cr_assert_eq(evtchn_send(d1, 900, &notify), -EINVAL);
		cr_assert_eq(evtchn_status(d1, &st), -EPERM);
		cr_assert_eq(evtchn_unmask(d1, EVTCHN_MAX_PORTS, &notify), -EINVAL);
	}
	for (int i = 0; i < 3; i++) {
		cr_assert_arr_eq(before[i], all[i]->evtchn, sizeof(before[i]));
		cr_assert_arr_eq(&shared_before[i], all[i]->shared_info, sizeof(shared_before[i]));
	}
}

/* Two domains send to each other 10,000 times, each round handled by the model guest. */
Test(event_channel, ping_pong_10000_rounds_exact_counts)
{
	static unsigned int counts1[EVTCHN_MAX_PORTS], counts2[EVTCHN_MAX_PORTS];
	evtchn_port_t p1, p2;
	struct evtchn_notify notify;

	connect(d1, d2, &p1, &p2);
	for (unsigned int round = 0; round < 10000; round++) {
		cr_assert_eq(evtchn_send(d1, p1, &notify), 0);
		cr_assert_eq(notify.flags, ALL_NOTIFY);
		cr_assert_eq(guest_upcall(d2->shared_info, 0, counts2), 1);
		cr_assert_eq(evtchn_send(d2, p2, &notify), 0);
		cr_assert_eq(notify.vcpu, &d1->vcpu[0]);
		cr_assert_eq(guest_upcall(d1->shared_info, 0, counts1), 1);
	}
	cr_assert_eq(counts1[p1], 10000);
	cr_assert_eq(counts2[p2], 10000);
	cr_assert_eq(guest_upcall(d1->shared_info, 0, counts1), 0);
	cr_assert_eq(guest_upcall(d2->shared_info, 0, counts2), 0);
}

Test(event_channel, masking_holds_events_and_unmasking_delivers_once)
{
	static unsigned int counts[EVTCHN_MAX_PORTS];
	evtchn_port_t p1, p2;
	struct evtchn_notify notify;

	connect(d1, d2, &p1, &p2);
	mask(d2->shared_info, p2);
	for (int i = 0; i < 5; i++) {
		cr_assert_eq(evtchn_send(d1, p1, &notify), 0);
	}
	cr_assert_not(evtchn_upcall_deliverable(&d2->shared_info->vcpu_info[0]));
	cr_assert_eq(guest_upcall(d2->shared_info, 0, counts), 0);
	cr_assert_eq(evtchn_unmask(d2, p2, &notify), 0);
	cr_assert(evtchn_upcall_deliverable(&d2->shared_info->vcpu_info[0]));
	cr_assert_eq(guest_upcall(d2->shared_info, 0, counts), 1);
	cr_assert_eq(counts[p2], 1, "five sends while masked are one event");
	cr_assert_eq(evtchn_unmask(d2, p2, &notify), 0);
	cr_assert_eq(guest_upcall(d2->shared_info, 0, counts), 0, "and only once");
}

/* ---- the hypercall ---- */

static long op(struct domain *d, unsigned long cmd, uintptr_t arg, struct evtchn_notify *n)
{
	return evtchn_op(&d->vcpu[0], cmd, gvaddr(arg), n);
}

Test(evtchn_op, alloc_and_bind_through_guest_memory)
{
	struct evtchn_alloc_unbound *alloc = guest_buf(0);
	struct evtchn_bind_interdomain *bind = guest_buf(64);
	struct evtchn_send *send = guest_buf(128);
	struct evtchn_status *st = guest_buf(192);
	struct evtchn_notify notify;

	*alloc = (struct evtchn_alloc_unbound){.dom = DOMID_SELF, .remote_dom = 2};
	cr_assert_eq(op(d1, EVTCHNOP_alloc_unbound, GUEST_BUF_VA, &notify), 0);
	cr_assert_eq(alloc->port, 1, "written back");
	cr_assert_null(notify.vcpu);
	*bind = (struct evtchn_bind_interdomain){.remote_dom = 1, .remote_port = 1};
	cr_assert_eq(op(d2, EVTCHNOP_bind_interdomain, GUEST_BUF_VA + 64, &notify), 0);
	cr_assert_eq(bind->local_port, 1);
	cr_assert_eq(notify.vcpu, &d2->vcpu[0]);
	*send = (struct evtchn_send){.port = 1};
	cr_assert_eq(op(d2, EVTCHNOP_send, GUEST_BUF_VA + 128, &notify), 0);
	cr_assert_eq(notify.vcpu, &d1->vcpu[0]);
	cr_assert_eq(notify.flags, ALL_NOTIFY);
	*st = (struct evtchn_status){.dom = DOMID_SELF, .port = 1};
	cr_assert_eq(op(d1, EVTCHNOP_status, GUEST_BUF_VA + 192, &notify), 0);
	cr_assert_eq(st->status, EVTCHNSTAT_interdomain);
	cr_assert_eq(st->u.interdomain.dom, 2);
	cr_assert_eq(st->u.interdomain.port, 1);
}

Test(evtchn_op, bad_pointers_are_efault_and_change_nothing)
{
	alignas(4096) static uint8_t read_only[PAGE_SIZE];
	struct evtchn_alloc_unbound *alloc = (void *)read_only;
	struct evtchn_notify notify;

	cr_assert_eq(op(d1, EVTCHNOP_alloc_unbound, GUEST_UNMAPPED_VA, &notify), -EFAULT);
	cr_assert_eq(op(d1, EVTCHNOP_send, GUEST_UNMAPPED_VA, &notify), -EFAULT);
	cr_assert_eq(op(d1, EVTCHNOP_status, ARCH_GUEST_VA_LIMIT, &notify), -EFAULT);
	cr_assert(fake_guest_map(0x800000, read_only, false));
	*alloc = (struct evtchn_alloc_unbound){.dom = DOMID_SELF, .remote_dom = 2};
	cr_assert_eq(op(d1, EVTCHNOP_alloc_unbound, 0x800000, &notify), -EFAULT,
		     "the port cannot be written back");
	cr_assert_eq(d1->evtchn[1].state, EVTCHN_FREE, "so none was allocated");
	/* A command without output only reads its argument. */
	alloc_unbound(d1, DOMID_SELF, 2);
	*(struct evtchn_close *)read_only = (struct evtchn_close){.port = 1};
	cr_assert_eq(op(d1, EVTCHNOP_close, 0x800000, &notify), 0);
}

Test(evtchn_op, unknown_commands_are_enosys)
{
	static const unsigned long unknown[] = {
	    EVTCHNOP_bind_pirq, EVTCHNOP_bind_vcpu, 10, 11, 12, 1000, ~0UL};
	struct evtchn_notify notify;

	for (size_t i = 0; i < ARRAY_SIZE(unknown); i++) {
		cr_assert_eq(op(d1, unknown[i], GUEST_BUF_VA, &notify), -ENOSYS, "cmd %lu",
			     unknown[i]);
	}
}

Test(evtchn_op, errors_pass_through)
{
	struct evtchn_close *close = guest_buf(0);
	struct evtchn_unmask *unmask = guest_buf(0);
	struct evtchn_bind_virq *virq = guest_buf(0);
	struct evtchn_bind_ipi *ipi = guest_buf(0);
	struct evtchn_notify notify;

	*close = (struct evtchn_close){.port = 5};
	cr_assert_eq(op(d1, EVTCHNOP_close, GUEST_BUF_VA, &notify), -EINVAL);
	*unmask = (struct evtchn_unmask){.port = EVTCHN_MAX_PORTS};
	cr_assert_eq(op(d1, EVTCHNOP_unmask, GUEST_BUF_VA, &notify), -EINVAL);
	*virq = (struct evtchn_bind_virq){.virq = VIRQ_TIMER};
	cr_assert_eq(op(d1, EVTCHNOP_bind_virq, GUEST_BUF_VA, &notify), 0);
	cr_assert_eq(virq->port, 1);
	cr_assert_eq(op(d1, EVTCHNOP_bind_virq, GUEST_BUF_VA, &notify), -EEXIST);
	*ipi = (struct evtchn_bind_ipi){.vcpu = 0};
	cr_assert_eq(op(d1, EVTCHNOP_bind_ipi, GUEST_BUF_VA, &notify), 0);
	cr_assert_eq(ipi->port, 2);
}

/* ---- no event lost or delivered twice: random interleavings against a model ---- */

#define MODEL_PORTS 96 /* three words on x86's layout, two on ARM64's */

/* The model guest's handler as a step machine, so hypervisor actions interleave with it. */
enum handler_phase { IDLE, CLEAR_UPCALL, TAKE_SELECTOR, NEXT_WORD, NEXT_BIT };

struct model {
	struct shared_info *s;
	bool owed[MODEL_PORTS]; /* raised since its last delivery */
	unsigned int raised, delivered;
	enum handler_phase phase;
	xen_ulong_t sel; /* the handler's copy of the selector */
	unsigned int word;
	xen_ulong_t bits; /* the handler's pending & ~mask of word */
	uint64_t rng;
};

static uint32_t model_random(struct model *m)
{
	m->rng ^= m->rng << 13;
	m->rng ^= m->rng >> 7;
	m->rng ^= m->rng << 17;
	return (uint32_t)(m->rng >> 16);
}

static void model_deliver(struct model *m, evtchn_port_t port)
{
	cr_assert(m->owed[port], "port %u delivered without a raise since its last delivery", port);
	m->owed[port] = false;
	m->delivered++;
}

static void handler_step(struct model *m)
{
	struct vcpu_info *info = &m->s->vcpu_info[0];

	switch (m->phase) {
	case IDLE:
		break;
	case CLEAR_UPCALL:
		info->evtchn_upcall_pending = 0;
		m->phase = TAKE_SELECTOR;
		break;
	case TAKE_SELECTOR:
		m->sel = __atomic_exchange_n(&info->evtchn_pending_sel, 0, __ATOMIC_SEQ_CST);
		m->phase = NEXT_WORD;
		break;
	case NEXT_WORD:
		if (!m->sel) {
			info->evtchn_upcall_mask = 0; /* the return from the upcall unmasks */
			m->phase = IDLE;
			break;
		}
		m->word = (unsigned int)__builtin_ctzl(m->sel);
		m->sel &= m->sel - 1;
		m->bits = m->s->evtchn_pending[m->word] & ~m->s->evtchn_mask[m->word];
		m->phase = NEXT_BIT;
		break;
	case NEXT_BIT:
		if (!m->bits) {
			m->phase = NEXT_WORD;
			break;
		} else {
			unsigned int bit = (unsigned int)__builtin_ctzl(m->bits);
			xen_ulong_t one = (xen_ulong_t)1 << bit;

			m->bits &= m->bits - 1;
			cr_assert(__atomic_fetch_and(&m->s->evtchn_pending[m->word], ~one,
						     __ATOMIC_SEQ_CST) &
				      one,
				  "only the guest clears pending bits");
			model_deliver(m, (evtchn_port_t)(m->word * BITS + bit));
		}
		break;
	}
}

/* The arch's part: enter the handler, masking events, when an upcall is deliverable. */
static void maybe_upcall(struct model *m)
{
	if (m->phase == IDLE && evtchn_upcall_deliverable(&m->s->vcpu_info[0])) {
		m->s->vcpu_info[0].evtchn_upcall_mask = 1;
		m->phase = CLEAR_UPCALL;
	}
}

/* With the handler idle: a pending unmasked port is always announced for an upcall. */
static void check_announced(const struct model *m)
{
	const struct vcpu_info *info = &m->s->vcpu_info[0];

	for (evtchn_port_t port = 0; port < MODEL_PORTS; port++) {
		if (evtchn_2l_is_pending(m->s, port) && !evtchn_2l_is_masked(m->s, port)) {
			cr_assert(sel_bit(m->s, 0, port / BITS) && info->evtchn_upcall_pending,
				  "port %u pending, unmasked, but not announced", port);
		}
	}
}

static void model_action(struct model *m)
{
	evtchn_port_t port = model_random(m) % MODEL_PORTS;

	switch (model_random(m) % 8) {
	case 0:
	case 1:
		evtchn_2l_set_pending(m->s, 0, port);
		m->owed[port] = true;
		m->raised++;
		break;
	case 2:
		mask(m->s, port); /* the guest masks a port itself */
		break;
	case 3:
		evtchn_2l_unmask(m->s, 0, port);
		break;
	case 4:
		maybe_upcall(m);
		break;
	default:
		handler_step(m);
		break;
	}
	if (m->phase == IDLE) {
		check_announced(m);
	}
}

static void model_quiesce(struct model *m)
{
	while (m->phase != IDLE) {
		handler_step(m);
	}
	for (evtchn_port_t port = 0; port < MODEL_PORTS; port++) {
		evtchn_2l_unmask(m->s, 0, port);
	}
	for (maybe_upcall(m); m->phase != IDLE; maybe_upcall(m)) {
		while (m->phase != IDLE) {
			handler_step(m);
		}
	}
	for (evtchn_port_t port = 0; port < MODEL_PORTS; port++) {
		cr_assert_not(m->owed[port], "port %u raised but never delivered", port);
		cr_assert_not(evtchn_2l_is_pending(m->s, port));
	}
}

Test(evtchn_model, random_interleavings_lose_and_duplicate_nothing)
{
	static struct shared_info shared;
	unsigned int raised = 0, delivered = 0;

	for (uint64_t seed = 1; seed <= 300; seed++) {
		struct model m = {.s = &shared, .rng = seed * 0x9E3779B97F4A7C15ULL};

		memset(&shared, 0, sizeof(shared));
		for (unsigned int step = 0; step < 3000; step++) {
			model_action(&m);
		}
		model_quiesce(&m);
		cr_assert_leq(m.delivered, m.raised);
		raised += m.raised;
		delivered += m.delivered;
	}
	cr_log_info("evtchn model: %u raises coalesced into %u deliveries", raised, delivered);
	cr_assert_gt(delivered, 10000, "the model exercised delivery");
}
