/*
 * test_sched_hypercalls.c: the issue-5 hypercalls as the arch calls them:
 * event_channel_op (32), sched_op yield/block/poll (29), set_timer_op (15), vcpu_op (24),
 * ringo_sched_ctl (54) and ringo_debug's idle_ns, with their success and error paths.
 *
 * The guest's address space: two writable pages at GUEST_RW, a read-only page at GUEST_RO,
 * nothing at GUEST_HOLE.
 */
#include <criterion/criterion.h>

#include "fake.h"

#include "hypercall.h"
#include "public/errno.h"
#include "public/event_channel.h"
#include "public/ringo_sched.h"
#include "public/sched.h"
#include "public/vcpu.h"
#include "public/xen.h"
#include "sched.h"
#include "time.h"

#define GUEST_RW 0x10000UL
#define GUEST_HOLE 0x12000UL
#define GUEST_RO 0x20000UL
#define MS 1000000ULL

alignas(4096) static uint8_t guest_mem[3][PAGE_SIZE];
static struct domain *d0;
static struct domain *d1;

static void setup(void)
{
	fake_boot();
	d0 = domain_create(0, true);
	d1 = domain_create(1, false);
	sched_add_vcpu(&d0->vcpu[0]);
	sched_add_vcpu(&d1->vcpu[0]);
	sched_set_current(&d0->vcpu[0]);
	fake_guest_map(GUEST_RW, guest_mem[0], true);
	fake_guest_map(GUEST_RW + PAGE_SIZE, guest_mem[1], true);
	fake_guest_map(GUEST_RO, guest_mem[2], false);
}

TestSuite(sched_hcall, .init = setup);

static long call(struct domain *d, unsigned long number, unsigned long a0, unsigned long a1,
		 unsigned long a2)
{
	struct hcall_args args = {.number = number, .arg = {a0, a1, a2, 0xbad, 0xbad, 0xbad}};

	return hypercall_dispatch(&d->vcpu[0], &args);
}

static void *guest_ptr(unsigned long va)
{
	if (va >= GUEST_RO) {
		return guest_mem[2] + (va - GUEST_RO);
	}
	return guest_mem[(va - GUEST_RW) / PAGE_SIZE] + va % PAGE_SIZE;
}

static struct vcpu_info *info_of(struct domain *d)
{
	return &d->shared_info->vcpu_info[0];
}

/* An interdomain channel d0 <-> d1; returns d1's port, *d0_port d0's. */
static evtchn_port_t connect(evtchn_port_t *d0_port)
{
	struct evtchn_alloc_unbound *alloc = guest_ptr(GUEST_RW);
	struct evtchn_bind_interdomain *bind = guest_ptr(GUEST_RW + 64);

	*alloc = (struct evtchn_alloc_unbound){.dom = DOMID_SELF, .remote_dom = 1};
	cr_assert_eq(call(d0, __HYPERVISOR_event_channel_op, EVTCHNOP_alloc_unbound, GUEST_RW, 0),
		     0);
	*bind = (struct evtchn_bind_interdomain){.remote_dom = 0, .remote_port = alloc->port};
	cr_assert_eq(
	    call(d1, __HYPERVISOR_event_channel_op, EVTCHNOP_bind_interdomain, GUEST_RW + 64, 0),
	    0);
	*d0_port = alloc->port;
	return bind->local_port;
}

/* ---- event_channel_op ---- */

Test(sched_hcall, event_send_wakes_a_blocked_peer)
{
	evtchn_port_t p0, p1 = connect(&p0);
	struct evtchn_send *send = guest_ptr(GUEST_RW + 128);

	info_of(d0)->evtchn_upcall_pending = 0;
	info_of(d0)->evtchn_upcall_mask = 1;
	d0->shared_info->evtchn_pending[0] = 0;
	cr_assert_eq(call(d0, __HYPERVISOR_sched_op, SCHEDOP_block, 0, 0), 0);
	cr_assert_eq(info_of(d0)->evtchn_upcall_mask, 0, "block unmasks events, as Xen");
	cr_assert_not(d0->vcpu[0].runnable);
	send->port = p1;
	cr_assert_eq(call(d1, __HYPERVISOR_event_channel_op, EVTCHNOP_send, GUEST_RW + 128, 0), 0);
	cr_assert(d0->vcpu[0].runnable, "the send woke d0");
	cr_assert(info_of(d0)->evtchn_upcall_pending);
	cr_assert(evtchn_2l_is_pending(d0->shared_info, p0));
}

Test(sched_hcall, event_send_errors)
{
	struct evtchn_send *send = guest_ptr(GUEST_RW);

	send->port = 7; /* free */
	cr_assert_eq(call(d0, __HYPERVISOR_event_channel_op, EVTCHNOP_send, GUEST_RW, 0), -EINVAL);
	cr_assert_eq(call(d0, __HYPERVISOR_event_channel_op, EVTCHNOP_send, GUEST_HOLE, 0),
		     -EFAULT);
	cr_assert_eq(call(d0, __HYPERVISOR_event_channel_op, 99, GUEST_RW, 0), -ENOSYS);
}

/* ---- sched_op ---- */

Test(sched_hcall, yield_asks_for_a_decision)
{
	cr_assert_eq(call(d0, __HYPERVISOR_sched_op, SCHEDOP_yield, 0, 0), 0);
	cr_assert(sched_must_resume());
}

Test(sched_hcall, block_with_pending_returns)
{
	info_of(d0)->evtchn_upcall_pending = 1;
	info_of(d0)->evtchn_upcall_mask = 1;
	cr_assert_eq(call(d0, __HYPERVISOR_sched_op, SCHEDOP_block, 0, 0), 0);
	cr_assert(d0->vcpu[0].runnable);
	cr_assert_eq(info_of(d0)->evtchn_upcall_mask, 0);
}

static struct sched_poll *poll_request(evtchn_port_t *ports, uint32_t nr, uint64_t timeout)
{
	struct sched_poll *req = guest_ptr(GUEST_RW);

	memcpy(guest_ptr(GUEST_RW + 256), ports, nr * sizeof(*ports));
	*req = (struct sched_poll){.ports = GUEST_RW + 256, .nr_ports = nr, .timeout = timeout};
	return req;
}

Test(sched_hcall, poll_blocks_until_the_port)
{
	evtchn_port_t p0, p1 = connect(&p0);
	struct evtchn_send *send = guest_ptr(GUEST_RW + 2048);

	d0->shared_info->evtchn_pending[0] = 0;
	d0->shared_info->evtchn_mask[0] = ~0UL;
	poll_request(&p0, 1, 0);
	cr_assert_eq(call(d0, __HYPERVISOR_sched_op, SCHEDOP_poll, GUEST_RW, 0), 0);
	cr_assert_not(d0->vcpu[0].runnable);
	send->port = p1;
	cr_assert_eq(call(d1, __HYPERVISOR_event_channel_op, EVTCHNOP_send, GUEST_RW + 2048, 0), 0);
	cr_assert(d0->vcpu[0].runnable, "a masked port still ends the poll");
}

Test(sched_hcall, poll_with_a_timeout)
{
	evtchn_port_t ports[2] = {3, 9};

	domain_shutdown(d1, SHUTDOWN_poweroff); /* d0 alone: only the timeout is armed */
	FAKE_CATCH_ESCAPE(sched_resume());
	poll_request(ports, 2, 6 * MS);
	cr_assert_eq(call(d0, __HYPERVISOR_sched_op, SCHEDOP_poll, GUEST_RW, 0), 0);
	cr_assert_not(d0->vcpu[0].runnable);
	cr_assert_eq(fake_timer_deadline(), 6 * MS);
	cr_assert(fake_timer_fire());
	cr_assert(d0->vcpu[0].runnable);
}

Test(sched_hcall, poll_errors)
{
	evtchn_port_t bad = EVTCHN_MAX_PORTS;
	struct sched_poll *req;

	cr_assert_eq(call(d0, __HYPERVISOR_sched_op, SCHEDOP_poll, GUEST_HOLE, 0), -EFAULT);
	poll_request(&bad, 1, 0);
	cr_assert_eq(call(d0, __HYPERVISOR_sched_op, SCHEDOP_poll, GUEST_RW, 0), -EINVAL);
	req = poll_request(&bad, 0, 0);
	req->nr_ports = 129;
	cr_assert_eq(call(d0, __HYPERVISOR_sched_op, SCHEDOP_poll, GUEST_RW, 0), -EINVAL);
	req->nr_ports = 2;
	req->ports = GUEST_HOLE;
	cr_assert_eq(call(d0, __HYPERVISOR_sched_op, SCHEDOP_poll, GUEST_RW, 0), -EFAULT);
	cr_assert(d0->vcpu[0].runnable, "no error blocks");
	cr_assert_eq(call(d0, __HYPERVISOR_sched_op, 77, 0, 0), -ENOSYS);
}

/* ---- set_timer_op ---- */

Test(sched_hcall, set_timer_op_arms_and_cancels)
{
	struct evtchn_bind_virq *virq = guest_ptr(GUEST_RW);

	*virq = (struct evtchn_bind_virq){.virq = VIRQ_TIMER, .vcpu = 0};
	cr_assert_eq(call(d0, __HYPERVISOR_event_channel_op, EVTCHNOP_bind_virq, GUEST_RW, 0), 0);
	cr_assert_eq(call(d0, __HYPERVISOR_set_timer_op, 8 * MS, 0, 0), 0);
	cr_assert_eq(d0->vcpu[0].timer_ns, 8 * MS);
	cr_assert_eq(fake_timer_deadline() <= 8 * MS, true);
	cr_assert_eq(call(d0, __HYPERVISOR_set_timer_op, 0, 0, 0), 0, "0 cancels");
	cr_assert_eq(d0->vcpu[0].timer_ns, TIME_NEVER);
	cr_assert_eq(call(d0, __HYPERVISOR_set_timer_op, 2 * MS, 0, 0), 0);
	fake_time_advance_ns(2 * MS);
	sched_timer_interrupt();
	cr_assert(evtchn_2l_is_pending(d0->shared_info, virq->port), "VIRQ_TIMER fired");
}

/* ---- vcpu_op ---- */

Test(sched_hcall, vcpu_is_up_and_runstate)
{
	struct vcpu_runstate_info *r = guest_ptr(GUEST_RW);

	cr_assert_eq(call(d0, __HYPERVISOR_vcpu_op, VCPUOP_is_up, 0, 0), 1);
	fake_time_advance_ns(3 * MS);
	cr_assert_eq(call(d0, __HYPERVISOR_vcpu_op, VCPUOP_get_runstate_info, 0, GUEST_RW), 0);
	cr_assert_eq(r->state, RUNSTATE_runnable);
	cr_assert_eq(r->time[RUNSTATE_runnable], 3 * MS);
	cr_assert_eq(r->state_entry_time, 0);
}

Test(sched_hcall, vcpu_op_errors)
{
	struct vcpu_set_singleshot_timer *t = guest_ptr(GUEST_RW);

	cr_assert_eq(call(d0, __HYPERVISOR_vcpu_op, VCPUOP_is_up, 1, 0), -ENOENT);
	cr_assert_eq(call(d0, __HYPERVISOR_vcpu_op, VCPUOP_get_runstate_info, 5, GUEST_RW),
		     -ENOENT);
	cr_assert_eq(call(d0, __HYPERVISOR_vcpu_op, VCPUOP_get_runstate_info, 0, GUEST_RO),
		     -EFAULT);
	cr_assert_eq(call(d0, __HYPERVISOR_vcpu_op, VCPUOP_get_runstate_info, 0, GUEST_HOLE),
		     -EFAULT);
	cr_assert_eq(call(d0, __HYPERVISOR_vcpu_op, VCPUOP_set_singleshot_timer, 0, GUEST_HOLE),
		     -EFAULT);
	cr_assert_eq(call(d0, __HYPERVISOR_vcpu_op, VCPUOP_initialise, 0, GUEST_RW), -ENOSYS);
	cr_assert_eq(call(d0, __HYPERVISOR_vcpu_op, VCPUOP_register_vcpu_info, 0, GUEST_RW),
		     -ENOSYS);
	cr_assert_eq(call(d0, __HYPERVISOR_vcpu_op, 1000, 0, GUEST_RW), -ENOSYS);
	fake_time_advance_ns(5 * MS);
	*t = (struct vcpu_set_singleshot_timer){.timeout_abs_ns = 4 * MS,
						.flags = VCPU_SSHOTTMR_future};
	cr_assert_eq(call(d0, __HYPERVISOR_vcpu_op, VCPUOP_set_singleshot_timer, 0, GUEST_RW),
		     -ETIME);
	cr_assert_eq(d0->vcpu[0].timer_ns, TIME_NEVER, "nothing armed");
}

Test(sched_hcall, singleshot_timer_set_and_stop)
{
	struct vcpu_set_singleshot_timer *t = guest_ptr(GUEST_RW);

	*t = (struct vcpu_set_singleshot_timer){.timeout_abs_ns = 4 * MS,
						.flags = VCPU_SSHOTTMR_future};
	cr_assert_eq(call(d0, __HYPERVISOR_vcpu_op, VCPUOP_set_singleshot_timer, 0, GUEST_RW), 0);
	cr_assert_eq(d0->vcpu[0].timer_ns, 4 * MS);
	cr_assert_eq(call(d0, __HYPERVISOR_vcpu_op, VCPUOP_stop_singleshot_timer, 0, 0), 0);
	cr_assert_eq(d0->vcpu[0].timer_ns, TIME_NEVER);
	/* A past time without the flag fires at once. */
	fake_time_advance_ns(5 * MS);
	*t = (struct vcpu_set_singleshot_timer){.timeout_abs_ns = 4 * MS};
	cr_assert_eq(call(d0, __HYPERVISOR_vcpu_op, VCPUOP_set_singleshot_timer, 0, GUEST_RW), 0);
	cr_assert_eq(d0->vcpu[0].timer_ns, TIME_NEVER);
}

/* ---- ringo_sched_ctl ---- */

Test(sched_hcall, sched_ctl_set_and_get)
{
	struct ringo_sched_ctl *ctl = guest_ptr(GUEST_RW);

	*ctl = (struct ringo_sched_ctl){.domid = 1,
					.weight = 40,
					.warp_ns = 2 * MS,
					.warp_limit_ns = 10 * MS,
					.unwarp_ns = 30 * MS};
	cr_assert_eq(call(d0, __HYPERVISOR_ringo_sched_ctl, RINGO_SCHED_CTL_set, GUEST_RW, 0), 0);
	cr_assert_eq(d1->vcpu[0].bvt.params.weight, 40);
	*ctl = (struct ringo_sched_ctl){.domid = 1};
	cr_assert_eq(call(d0, __HYPERVISOR_ringo_sched_ctl, RINGO_SCHED_CTL_get, GUEST_RW, 0), 0);
	cr_assert_eq(ctl->weight, 40);
	cr_assert_eq(ctl->warp_ns, 2 * MS);
	cr_assert_eq(ctl->warp_limit_ns, 10 * MS);
	cr_assert_eq(ctl->unwarp_ns, 30 * MS);
	cr_assert_eq(ctl->runstate, RUNSTATE_runnable);
	*ctl = (struct ringo_sched_ctl){.domid = DOMID_SELF};
	cr_assert_eq(call(d0, __HYPERVISOR_ringo_sched_ctl, RINGO_SCHED_CTL_get, GUEST_RW, 0), 0);
	cr_assert_eq(ctl->weight, BVT_WEIGHT_DEFAULT);
}

Test(sched_hcall, sched_ctl_global)
{
	struct ringo_sched_ctl *ctl = guest_ptr(GUEST_RW);

	*ctl = (struct ringo_sched_ctl){.ctx_allow_ns = 2 * MS};
	cr_assert_eq(
	    call(d0, __HYPERVISOR_ringo_sched_ctl, RINGO_SCHED_CTL_set_global, GUEST_RW, 0), 0);
	*ctl = (struct ringo_sched_ctl){0};
	cr_assert_eq(
	    call(d0, __HYPERVISOR_ringo_sched_ctl, RINGO_SCHED_CTL_get_global, GUEST_RW, 0), 0);
	cr_assert_eq(ctl->ctx_allow_ns, 2 * MS);
	ctl->ctx_allow_ns = 1;
	cr_assert_eq(
	    call(d0, __HYPERVISOR_ringo_sched_ctl, RINGO_SCHED_CTL_set_global, GUEST_RW, 0),
	    -EINVAL);
	cr_assert_eq(sched_ctx_allow_ns(), 2 * MS, "unchanged");
}

Test(sched_hcall, sched_ctl_errors)
{
	struct ringo_sched_ctl *ctl = guest_ptr(GUEST_RW);

	*ctl = (struct ringo_sched_ctl){.domid = 0, .weight = 20};
	cr_assert_eq(call(d1, __HYPERVISOR_ringo_sched_ctl, RINGO_SCHED_CTL_set, GUEST_RW, 0),
		     -EPERM);
	cr_assert_eq(call(d1, __HYPERVISOR_ringo_sched_ctl, RINGO_SCHED_CTL_get, GUEST_RW, 0),
		     -EPERM);
	ctl->domid = 99;
	cr_assert_eq(call(d0, __HYPERVISOR_ringo_sched_ctl, RINGO_SCHED_CTL_get, GUEST_RW, 0),
		     -ESRCH);
	ctl->domid = 1;
	ctl->weight = 0;
	cr_assert_eq(call(d0, __HYPERVISOR_ringo_sched_ctl, RINGO_SCHED_CTL_set, GUEST_RW, 0),
		     -EINVAL);
	ctl->weight = 20;
	ctl->warp_ns = BVT_WARP_MAX_NS + 1;
	cr_assert_eq(call(d0, __HYPERVISOR_ringo_sched_ctl, RINGO_SCHED_CTL_set, GUEST_RW, 0),
		     -EINVAL);
	cr_assert_eq(d1->vcpu[0].bvt.params.weight, BVT_WEIGHT_DEFAULT, "no change");
	cr_assert_eq(call(d0, __HYPERVISOR_ringo_sched_ctl, RINGO_SCHED_CTL_get, GUEST_RO, 0),
		     -EFAULT);
	cr_assert_eq(call(d0, __HYPERVISOR_ringo_sched_ctl, RINGO_SCHED_CTL_set, GUEST_HOLE, 0),
		     -EFAULT);
	cr_assert_eq(call(d0, __HYPERVISOR_ringo_sched_ctl, 9, GUEST_RW, 0), -ENOSYS);
}

/* ---- ringo_debug idle_ns ---- */

static uint64_t idle_ns_read(void)
{
	uint64_t idle_ns;

	cr_assert_eq(call(d0, __HYPERVISOR_ringo_debug, RINGO_DEBUG_idle_ns, GUEST_RW, 0), 0);
	memcpy(&idle_ns, guest_mem[0], sizeof(idle_ns));
	return idle_ns;
}

Test(sched_hcall, idle_ns_bad_pointer_efault)
{
	cr_assert_eq(call(d0, __HYPERVISOR_ringo_debug, RINGO_DEBUG_idle_ns, GUEST_HOLE, 0),
		     -EFAULT);
	cr_assert_eq(call(d0, __HYPERVISOR_ringo_debug, RINGO_DEBUG_idle_ns, GUEST_RO, 0), -EFAULT);
}

Test(sched_hcall, idle_ns_counts_the_idle_loop)
{
	cr_assert_eq(idle_ns_read(), 0);
	domain_shutdown(d1, SHUTDOWN_poweroff);
	cr_assert_eq(call(d0, __HYPERVISOR_set_timer_op, 3 * MS, 0, 0), 0);
	info_of(d0)->evtchn_upcall_pending = 0;
	cr_assert_eq(call(d0, __HYPERVISOR_sched_op, SCHEDOP_block, 0, 0), 0);
	FAKE_CATCH_ESCAPE(sched_check_current());
	cr_assert_eq(fake_escape_taken(), FAKE_ESCAPE_RUN);
	cr_assert_eq(idle_ns_read(), 3 * MS);
}
