/*
 * events.c: event channels within one domain (domain 0 alone), both arches.
 *
 * A loopback channel (a port allocated unbound for domain 0 itself, then bound by domain 0)
 * gives two connected ports in one domain: what is sent on one is delivered on the other,
 * through the upcall and the library's dispatcher. The tests check delivery counts exactly,
 * masking (per port and the vCPU's upcall mask), the errors of every command for bad
 * ports, domains, pointers and commands (core/include/event_channel.h states the rules,
 * which are Xen's), the bind_virq rules and that each timer raises VIRQ_TIMER once.
 */
#include "clock.h"
#include "events.h"
#include "lib.h"
#include "schedule.h"
#include "test.h"

#define WAIT_NS (200 * NS_PER_MS)
#define MAX_PORTS 1024U /* Ringo's ports per domain on both arches */

static volatile unsigned long delivered[MAX_PORTS];

static void count_delivery(evtchn_port_t port, void *data)
{
	(void)data;
	if (port < MAX_PORTS) {
		delivered[port]++;
	}
}

/* A loopback channel a <-> b in this domain (domain 0), both with the counting handler. */
struct loopback {
	evtchn_port_t a, b;
};

static bool loopback_open(struct loopback *lb)
{
	long rc;

	events_init();
	rc = evtchn_alloc_unbound(DOMID_SELF, 0, &lb->a);
	EXPECT_EQ(rc, 0);
	if (rc) {
		return false;
	}
	evtchn_set_handler(lb->a, count_delivery, NULL);
	rc = evtchn_connect(0, lb->a, count_delivery, NULL, &lb->b);
	EXPECT_EQ(rc, 0);
	if (rc) {
		return false;
	}
	/* Binding raises the new port once: collect that before counting. */
	EXPECT_TRUE(events_wait_port(delivered[lb->b] == 1, lb->b, WAIT_NS));
	EXPECT_EQ(delivered[lb->b], 1);
	delivered[lb->a] = 0;
	delivered[lb->b] = 0;
	return true;
}

TEST(events_loopback_delivery)
{
	struct loopback lb;
	unsigned long upcalls;

	if (!loopback_open(&lb)) {
		return;
	}
	EXPECT_NE(lb.a, 0);
	EXPECT_NE(lb.a, lb.b);
	upcalls = evtchn_upcall_count();
	for (unsigned int i = 1; i <= 100; i++) {
		EXPECT_EQ(evtchn_send(lb.b), 0);
		EXPECT_EQ(delivered[lb.a], i);
		EXPECT_EQ(evtchn_send(lb.a), 0);
		EXPECT_EQ(delivered[lb.b], i);
	}
	/* Each send was delivered by its own upcall on the way back from the hypercall. */
	EXPECT_EQ(evtchn_upcall_count() - upcalls, 200);
	EXPECT_EQ(evtchn_unhandled_count(), 0);
}

TEST(events_status_reports)
{
	struct loopback lb;
	struct evtchn_status st;
	evtchn_port_t unbound;

	if (!loopback_open(&lb)) {
		return;
	}
	EXPECT_EQ(evtchn_status(DOMID_SELF, lb.a, &st), 0);
	EXPECT_EQ(st.status, EVTCHNSTAT_interdomain);
	EXPECT_EQ(st.u.interdomain.dom, 0);
	EXPECT_EQ(st.u.interdomain.port, lb.b);
	EXPECT_EQ(st.vcpu, 0);
	/* Domain 0 may name itself by its id too. */
	EXPECT_EQ(evtchn_status(0, lb.b, &st), 0);
	EXPECT_EQ(st.status, EVTCHNSTAT_interdomain);
	EXPECT_EQ(st.u.interdomain.port, lb.a);

	EXPECT_EQ(evtchn_alloc_unbound(DOMID_SELF, 7, &unbound), 0);
	EXPECT_EQ(evtchn_status(DOMID_SELF, unbound, &st), 0);
	EXPECT_EQ(st.status, EVTCHNSTAT_unbound);
	EXPECT_EQ(st.u.unbound.dom, 7);

	EXPECT_EQ(evtchn_close(unbound), 0);
	EXPECT_EQ(evtchn_status(DOMID_SELF, unbound, &st), 0);
	EXPECT_EQ(st.status, EVTCHNSTAT_closed);
}

TEST(events_port_mask_holds_pending)
{
	struct loopback lb;

	if (!loopback_open(&lb)) {
		return;
	}
	evtchn_mask_port(lb.a);
	for (unsigned int i = 0; i < 3; i++) {
		EXPECT_EQ(evtchn_send(lb.b), 0);
	}
	/* Held: pending, not delivered, the vCPU not even told. */
	EXPECT_EQ(delivered[lb.a], 0);
	EXPECT_TRUE(evtchn_port_pending(lb.a));
	EXPECT_EQ(events_vcpu_info()->evtchn_upcall_pending, 0);
	/* Unmasking delivers the held event once: three sends were one pending bit. */
	EXPECT_EQ(evtchn_unmask(lb.a), 0);
	EXPECT_EQ(delivered[lb.a], 1);
	EXPECT_TRUE(!evtchn_port_pending(lb.a));
	/* Unmasking again delivers nothing more. */
	EXPECT_EQ(evtchn_unmask(lb.a), 0);
	EXPECT_EQ(delivered[lb.a], 1);
	EXPECT_EQ(evtchn_send(lb.b), 0);
	EXPECT_EQ(delivered[lb.a], 2);
}

TEST(events_upcall_mask_defers_delivery)
{
	struct loopback lb;
	struct vcpu_info *vcpu;

	if (!loopback_open(&lb)) {
		return;
	}
	vcpu = events_vcpu_info();
	events_mask();
	EXPECT_EQ(evtchn_send(lb.b), 0);
	EXPECT_EQ(evtchn_send(lb.a), 0);
	EXPECT_EQ(delivered[lb.a], 0);
	EXPECT_EQ(delivered[lb.b], 0);
	/* Recorded for the vCPU but not delivered while masked. */
	EXPECT_EQ(vcpu->evtchn_upcall_pending, 1);
	EXPECT_TRUE(vcpu->evtchn_pending_sel != 0);
	/* Unmasking forces the callback: both ports, once each, in one upcall. */
	events_unmask();
	EXPECT_EQ(delivered[lb.a], 1);
	EXPECT_EQ(delivered[lb.b], 1);
	EXPECT_EQ(vcpu->evtchn_upcall_pending, 0);
	EXPECT_EQ(vcpu->evtchn_upcall_mask, 0);
}

TEST(events_send_closed_port_einval)
{
	struct loopback lb;
	evtchn_port_t port;

	if (!loopback_open(&lb)) {
		return;
	}
	/* A port this domain closed: -EINVAL, and the channel's other end is unbound. */
	EXPECT_EQ(evtchn_close(lb.a), 0);
	EXPECT_EQ(evtchn_send(lb.a), -EINVAL);
	EXPECT_EQ(evtchn_close(lb.a), -EINVAL);
	/* The other end: its peer closed, so a send is dropped and succeeds. */
	EXPECT_EQ(evtchn_send(lb.b), 0);
	EXPECT_EQ(delivered[lb.a], 0);
	EXPECT_EQ(delivered[lb.b], 0);
	EXPECT_EQ(evtchn_unhandled_count(), 0);
	/* A fresh unbound port (no peer yet): also dropped. */
	EXPECT_EQ(evtchn_alloc_unbound(DOMID_SELF, 0, &port), 0);
	EXPECT_EQ(evtchn_send(port), 0);
	EXPECT_TRUE(!evtchn_port_pending(port));
}

TEST(events_bad_ports_einval)
{
	struct evtchn_status st;
	evtchn_port_t free_port = MAX_PORTS - 1;

	events_init();
	EXPECT_EQ(evtchn_send(0), -EINVAL);
	EXPECT_EQ(evtchn_send(free_port), -EINVAL);
	EXPECT_EQ(evtchn_send(MAX_PORTS), -EINVAL);
	EXPECT_EQ(evtchn_send(0xffffffffU), -EINVAL);
	EXPECT_EQ(evtchn_close(0), -EINVAL);
	EXPECT_EQ(evtchn_close(free_port), -EINVAL);
	EXPECT_EQ(evtchn_close(MAX_PORTS), -EINVAL);
	EXPECT_EQ(evtchn_unmask(MAX_PORTS), -EINVAL);
	EXPECT_EQ(evtchn_unmask(0x80000000U), -EINVAL);
	EXPECT_EQ(evtchn_status(DOMID_SELF, MAX_PORTS, &st), -EINVAL);
	EXPECT_EQ(evtchn_bind_interdomain(0, free_port, NULL), -EINVAL);
	EXPECT_EQ(evtchn_bind_interdomain(0, MAX_PORTS, NULL), -EINVAL);
	EXPECT_EQ(evtchn_bind_interdomain(0, 0, NULL), -EINVAL);
}

TEST(events_bad_domains_esrch)
{
	struct evtchn_status st;
	evtchn_port_t port;

	events_init();
	EXPECT_EQ(evtchn_alloc_unbound(123, 0, &port), -ESRCH);
	EXPECT_EQ(evtchn_alloc_unbound(DOMID_IO, 0, &port), -ESRCH);
	EXPECT_EQ(evtchn_bind_interdomain(123, 1, &port), -ESRCH);
	EXPECT_EQ(evtchn_status(123, 1, &st), -ESRCH);
	EXPECT_EQ(evtchn_status(DOMID_XEN, 1, &st), -ESRCH);
}

TEST(events_bind_interdomain_rules)
{
	struct loopback lb;
	evtchn_port_t other, port;

	if (!loopback_open(&lb)) {
		return;
	}
	/* Only an unbound port allocated for the caller may be bound: not a connected one, */
	EXPECT_EQ(evtchn_bind_interdomain(0, lb.a, &port), -EINVAL);
	/* nor one allocated for another domain (privilege does not help). */
	EXPECT_EQ(evtchn_alloc_unbound(DOMID_SELF, 9, &other), 0);
	EXPECT_EQ(evtchn_bind_interdomain(0, other, &port), -EINVAL);
	/* Nothing changed: the channel still works, the other port is still unbound. */
	EXPECT_EQ(evtchn_send(lb.b), 0);
	EXPECT_EQ(delivered[lb.a], 1);
	{
		struct evtchn_status st;

		EXPECT_EQ(evtchn_status(DOMID_SELF, other, &st), 0);
		EXPECT_EQ(st.status, EVTCHNSTAT_unbound);
		EXPECT_EQ(st.u.unbound.dom, 9);
	}
}

TEST(events_bind_virq_rules)
{
	struct evtchn_status st;
	evtchn_port_t timer, again, exc;

	events_init();
	EXPECT_EQ(evtchn_bind_virq(VIRQ_TIMER, 0, &timer), 0);
	EXPECT_EQ(evtchn_status(DOMID_SELF, timer, &st), 0);
	EXPECT_EQ(st.status, EVTCHNSTAT_virq);
	EXPECT_EQ(st.u.virq, VIRQ_TIMER);
	EXPECT_EQ(st.vcpu, 0);
	/* Bound once per vCPU. */
	EXPECT_EQ(evtchn_bind_virq(VIRQ_TIMER, 0, &again), -EEXIST);
	/* Unknown VIRQ; a global VIRQ on a vCPU other than 0; a vCPU the domain lacks. */
	EXPECT_EQ(evtchn_bind_virq(NR_VIRQS, 0, &again), -EINVAL);
	EXPECT_EQ(evtchn_bind_virq(0xffffffffU, 0, &again), -EINVAL);
	EXPECT_EQ(evtchn_bind_virq(VIRQ_DOM_EXC, 1, &again), -EINVAL);
	EXPECT_EQ(evtchn_bind_virq(VIRQ_TIMER, 5, &again), -ENOENT);
	/* A global VIRQ on vCPU 0 is fine. */
	EXPECT_EQ(evtchn_bind_virq(VIRQ_DOM_EXC, 0, &exc), 0);
	EXPECT_NE(exc, timer);
	/* A VIRQ port cannot be sent on. */
	EXPECT_EQ(evtchn_send(timer), -EINVAL);
	/* Closed, it may be bound again. */
	EXPECT_EQ(evtchn_close(timer), 0);
	EXPECT_EQ(evtchn_bind_virq(VIRQ_TIMER, 0, &again), 0);
	EXPECT_EQ(evtchn_close(again), 0);
	EXPECT_EQ(evtchn_close(exc), 0);
}

TEST(events_ipi_to_self)
{
	evtchn_port_t port;

	events_init();
	EXPECT_EQ(evtchn_bind_ipi(0, &port), 0);
	evtchn_set_handler(port, count_delivery, NULL);
	EXPECT_EQ(evtchn_send(port), 0);
	EXPECT_EQ(delivered[port], 1);
	EXPECT_EQ(evtchn_send(port), 0);
	EXPECT_EQ(delivered[port], 2);
	EXPECT_EQ(evtchn_bind_ipi(3, &port), -ENOENT);
}

TEST(events_unsupported_and_bad_pointers)
{
	evtchn_port_t port;

	events_init();
	EXPECT_EQ(evtchn_bind_pirq(1, 0, &port), -ENOSYS);
	EXPECT_EQ(evtchn_bind_vcpu(1, 0), -ENOSYS);
	EXPECT_EQ(HYPERVISOR_event_channel_op(99, NULL), -ENOSYS);
	EXPECT_EQ(HYPERVISOR_event_channel_op(EVTCHNOP_send, (void *)guest_arch_hypervisor_va),
		  -EFAULT);
	EXPECT_EQ(HYPERVISOR_event_channel_op(EVTCHNOP_send, (void *)guest_arch_unmapped_va),
		  -EFAULT);
	EXPECT_EQ(
	    HYPERVISOR_event_channel_op(EVTCHNOP_alloc_unbound, (void *)guest_arch_unmapped_va),
	    -EFAULT);
}

/* One timer (set_timer_op, or the single-shot vcpu_op): VIRQ_TIMER comes once, not early. */
static void timer_fires_once(evtchn_port_t port, bool singleshot)
{
	unsigned long before = delivered[port];
	uint64_t deadline = clock_system_ns() + 2 * NS_PER_MS;

	if (singleshot) {
		EXPECT_EQ(vcpu_set_singleshot_timer(0, deadline, 0), 0);
	} else {
		EXPECT_EQ(HYPERVISOR_set_timer_op(deadline), 0);
	}
	EXPECT_TRUE(events_wait_port(delivered[port] != before, port, WAIT_NS));
	EXPECT_TRUE(clock_system_ns() >= deadline);
	/* And not again: nothing more within a further 10 ms. */
	events_wait_port(delivered[port] != before + 1, port, 10 * NS_PER_MS);
	EXPECT_EQ(delivered[port], before + 1);
}

TEST(events_virq_timer_once_per_timer)
{
	evtchn_port_t port;

	events_init();
	EXPECT_EQ(evtchn_bind_virq(VIRQ_TIMER, 0, &port), 0);
	evtchn_set_handler(port, count_delivery, NULL);
	for (unsigned int i = 0; i < 5; i++) {
		timer_fires_once(port, false);
	}
	for (unsigned int i = 0; i < 5; i++) {
		timer_fires_once(port, true);
	}
	EXPECT_EQ(delivered[port], 10);
	/* A cancelled timer raises nothing. */
	EXPECT_EQ(HYPERVISOR_set_timer_op(clock_system_ns() + 5 * NS_PER_MS), 0);
	EXPECT_EQ(HYPERVISOR_set_timer_op(0), 0);
	events_wait_port(delivered[port] != 10, port, 20 * NS_PER_MS);
	EXPECT_EQ(delivered[port], 10);
}
