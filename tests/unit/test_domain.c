/*
 * test_domain.c: creating, populating and looking up domains (core/domain.c), and tearing
 * them down with bound ports and armed timers.
 */
#include <criterion/criterion.h>

#include "fake.h"

#include "domain.h"
#include "frame_alloc.h"
#include "public/errno.h"
#include "public/sched.h"
#include "sched.h"
#include "time.h"

static void setup(void)
{
	fake_boot();
}

TestSuite(domain, .init = setup);

Test(domain, create_and_lookup)
{
	uint64_t before = frame_free_count();
	struct domain *d = domain_create(5, false);

	cr_assert_not_null(d);
	cr_assert_eq(d->id, 5);
	cr_assert_not(d->privileged);
	cr_assert_eq(domain_lookup(5), d);
	cr_assert_null(domain_lookup(4));
	cr_assert_eq(d->vcpu[0].domain, d);
	cr_assert_eq(d->nr_pages, 0);
	cr_assert_eq(frame_free_count(), before - 1, "one frame of shared_info");
	cr_assert_eq((void *)d->shared_info, frame_map(d->shared_info_frame));
	cr_assert_eq(((uint8_t *)d->shared_info)[100], 0, "zeroed");
}

Test(domain, ids_taken_or_out_of_range)
{
	cr_assert_not_null(domain_create(0, true));
	cr_assert_null(domain_create(0, true), "id taken");
	cr_assert_null(domain_create(MAX_DOMAINS, false));
	cr_assert_null(domain_create(DOMID_SELF, false));
	cr_assert_null(domain_lookup(MAX_DOMAINS));
	cr_assert_null(domain_lookup(0xffff));
}

Test(domain, populate_gives_zeroed_distinct_frames)
{
	struct domain *d = domain_create(1, false);
	uint64_t before = frame_free_count();

	cr_assert_eq(domain_populate(d, 1000), 0);
	cr_assert_eq(d->nr_pages, 1000);
	cr_assert_eq(frame_free_count(), before - 1000 - 2, "1000 pages and 2 frames of p2m");
	for (uint64_t i = 0; i < 1000; i++) {
		const uint8_t *page = frame_map(domain_pfn_to_mfn(d, pfn(i)));

		cr_assert_eq(page[0] | page[PAGE_SIZE - 1], 0);
		if (i) {
			cr_assert_neq(mfn_value(d->p2m[i]), mfn_value(d->p2m[i - 1]));
		}
	}
	cr_assert_not(mfn_is_valid(domain_pfn_to_mfn(d, pfn(1000))));
	cr_assert_not(mfn_is_valid(domain_pfn_to_mfn(d, pfn(UINT64_MAX))));
}

Test(domain, populate_out_of_memory_leaves_nothing)
{
	struct domain *d = domain_create(1, false);
	uint64_t before = frame_free_count();

	cr_assert_eq(domain_populate(d, before), -ENOMEM, "the p2m array needs frames too");
	cr_assert_eq(domain_populate(d, 0), -ENOMEM);
	cr_assert_eq(domain_populate(d, UINT64_MAX / 4), -ENOMEM);
	cr_assert_eq(d->nr_pages, 0);
	cr_assert_null(d->p2m);
	cr_assert_eq(frame_free_count(), before);
}

Test(domain, shutdown_twice_is_harmless)
{
	struct domain *d = domain_create(2, false);
	uint64_t before = frame_free_count();

	cr_assert_eq(domain_populate(d, 10), 0);
	domain_shutdown(d, SHUTDOWN_poweroff);
	domain_shutdown(d, SHUTDOWN_crash);
	cr_assert_eq(frame_free_count(), before + 1);
	cr_assert_eq(d->shutdown_reason, SHUTDOWN_poweroff);
	cr_assert_eq(fake_vcpu_destroy_count(), 1);
}

Test(domain, id_reusable_after_shutdown)
{
	struct domain *d = domain_create(3, false);

	domain_shutdown(d, SHUTDOWN_poweroff);
	cr_assert_not_null(domain_create(3, false));
}

Test(domain, unknown_reason_named_unknown)
{
	struct domain *d = domain_create(4, false);

	domain_shutdown(d, 42);
	cr_assert(fake_console_contains("ringo: d4 shutdown: unknown\n"), "%s",
		  fake_console_text());
}

/* d0 <-> d with d's end at *d_port; d also binds VIRQ_TIMER. Returns d0's port. */
static evtchn_port_t wire(struct domain *d0, struct domain *d, evtchn_port_t *d_port)
{
	struct evtchn_alloc_unbound alloc = {.dom = DOMID_SELF, .remote_dom = d->id};
	struct evtchn_bind_interdomain bind = {.remote_dom = 0};
	struct evtchn_bind_virq virq = {.virq = VIRQ_TIMER, .vcpu = 0};
	struct evtchn_notify notify;

	cr_assert_eq(evtchn_alloc_unbound(d0, &alloc), 0);
	bind.remote_port = alloc.port;
	cr_assert_eq(evtchn_bind_interdomain(d, &bind, &notify), 0);
	cr_assert_eq(evtchn_bind_virq(d, &virq), 0);
	*d_port = bind.local_port;
	return alloc.port;
}

Test(domain, teardown_unbinds_peers_and_cancels_timers)
{
	struct domain *d0 = domain_create(0, true);
	struct domain *d = domain_create(4, false);
	uint64_t free_before = frame_free_count();
	struct evtchn_notify notify;
	struct evtchn_status status = {.dom = DOMID_SELF};
	evtchn_port_t d_port, d0_port = wire(d0, d, &d_port);

	cr_assert_eq(domain_populate(d, 16), 0);
	sched_add_vcpu(&d0->vcpu[0]);
	sched_add_vcpu(&d->vcpu[0]);
	sched_set_vcpu_timer(&d->vcpu[0], 5000000);
	cr_assert_eq(fake_timer_deadline() <= 5000000, true);
	domain_shutdown(d, SHUTDOWN_poweroff);
	status.port = d0_port;
	cr_assert_eq(evtchn_status(d0, &status), 0);
	cr_assert_eq(status.status, EVTCHNSTAT_unbound, "the peer's end is unbound");
	cr_assert_eq(evtchn_send(d0, d0_port, &notify), 0, "a send to it is dropped");
	cr_assert_eq(d->vcpu[0].timer_ns, TIME_NEVER);
	if (fake_timer_fire()) {
		cr_assert_neq(fake_timer_deadline(), 5000000, "its timer is not armed again");
	}
	cr_assert_eq(frame_free_count(), free_before + 1, "its memory and shared_info back");
	/* The id is free again, with every port free. */
	d = domain_create(4, false);
	cr_assert_not_null(d);
	for (evtchn_port_t p = 0; p < EVTCHN_MAX_PORTS; p++) {
		cr_assert_eq(d->evtchn[p].state, EVTCHN_FREE);
	}
	cr_assert_eq(d->vcpu[0].runstate.state, RUNSTATE_offline);
}

Test(domain, dom0_hears_of_a_death)
{
	struct domain *d0 = domain_create(0, true);
	struct domain *d = domain_create(2, false);
	struct evtchn_bind_virq virq = {.virq = VIRQ_DOM_EXC, .vcpu = 0};

	cr_assert_eq(evtchn_bind_virq(d0, &virq), 0);
	sched_add_vcpu(&d0->vcpu[0]);
	sched_add_vcpu(&d->vcpu[0]);
	d0->shared_info->vcpu_info[0].evtchn_upcall_mask = 0;
	d0->shared_info->vcpu_info[0].evtchn_upcall_pending = 0;
	sched_set_current(&d0->vcpu[0]);
	sched_block(&d0->vcpu[0]);
	cr_assert_not(d0->vcpu[0].runnable);
	domain_crash(d, "test");
	cr_assert(evtchn_2l_is_pending(d0->shared_info, virq.port), "VIRQ_DOM_EXC raised");
	cr_assert(d0->vcpu[0].runnable, "and domain 0 woken");
}
