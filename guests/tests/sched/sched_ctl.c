/*
 * sched_ctl.c: ringo_sched_ctl, domain 0's control of BVT, and its refusals. An
 * unprivileged domain (d4) is refused every command (-EPERM); domain 0 is refused an
 * unknown domain (-ESRCH), parameters out of bvt.h's bounds (-EINVAL, and nothing
 * changes), an unknown command (-ENOSYS, as Xen) and a bad pointer (-EFAULT); what it sets
 * it reads back.
 */
#include "peer.h"
#include "test.h"

#define CTL_NO_DOMAIN 9 /* the configuration has d0..d4 */

/* d4: every command is refused to it; reports whether each was -EPERM. */
static noreturn void unprivileged(void)
{
	evtchn_port_t go = peer_listen();
	evtchn_port_t ok = peer_listen();
	evtchn_port_t bad = peer_listen();
	struct ringo_sched_ctl ctl;
	uint64_t allowance;
	bool refused = ringo_sched_get(DOMID_SELF, &ctl) == -EPERM &&
		       ringo_sched_get(0, &ctl) == -EPERM &&
		       ringo_sched_set(DOMID_SELF, 4096, 0, 0, 0) == -EPERM &&
		       ringo_sched_get_allowance(&allowance) == -EPERM &&
		       ringo_sched_set_allowance(NS_PER_MS) == -EPERM;

	printf("sched_ctl: d4's ringo_sched_ctl calls %s\n",
	       refused ? "were all refused with -EPERM" : "were NOT all refused");
	if (go && port_wait(go, 0)) {
		peer_report(ok, bad, refused);
	}
	peer_park();
}

static void expect_params(domid_t domid, uint32_t weight, uint64_t warp, uint64_t limit,
			  uint64_t unwarp)
{
	struct ringo_sched_ctl ctl;

	EXPECT_EQ(ringo_sched_get(domid, &ctl), 0);
	EXPECT_EQ(ctl.weight, weight);
	EXPECT_EQ(ctl.warp_ns, warp);
	EXPECT_EQ(ctl.warp_limit_ns, limit);
	EXPECT_EQ(ctl.unwarp_ns, unwarp);
}

static void refusals(void)
{
	struct ringo_sched_ctl ctl = {.domid = 1};
	uint64_t allowance = 0, after = 0;

	EXPECT_EQ(ringo_sched_get(CTL_NO_DOMAIN, &ctl), -ESRCH);
	EXPECT_EQ(ringo_sched_get(200, &ctl), -ESRCH);
	EXPECT_EQ(ringo_sched_set(CTL_NO_DOMAIN, PEER_WEIGHT_DEFAULT, 0, 0, 0), -ESRCH);
	EXPECT_EQ(ringo_sched_set(1, 0, 0, 0, 0), -EINVAL);
	EXPECT_EQ(ringo_sched_set(1, 4097, 0, 0, 0), -EINVAL);
	EXPECT_EQ(ringo_sched_set(1, 5, 2 * NS_PER_SEC, 0, 0), -EINVAL);
	EXPECT_EQ(ringo_sched_set(1, 5, NS_PER_MS, 2 * NS_PER_SEC, 0), -EINVAL);
	EXPECT_EQ(ringo_sched_set(1, 5, NS_PER_MS, 0, 11 * NS_PER_SEC), -EINVAL);
	/* Nothing of a refused set was applied. */
	expect_params(1, PEER_WEIGHT_DEFAULT, 0, 0, 0);
	EXPECT_EQ(ringo_sched_get_allowance(&allowance), 0);
	EXPECT_EQ(ringo_sched_set_allowance(0), -EINVAL);
	EXPECT_EQ(ringo_sched_set_allowance(2 * NS_PER_SEC), -EINVAL);
	EXPECT_EQ(ringo_sched_get_allowance(&after), 0);
	EXPECT_EQ(after, allowance);
	ctl.domid = 1;
	EXPECT_EQ(HYPERVISOR_ringo_sched_ctl(99, &ctl), -ENOSYS);
	EXPECT_EQ(HYPERVISOR_ringo_sched_ctl(RINGO_SCHED_CTL_get,
					     (struct ringo_sched_ctl *)guest_arch_unmapped_va),
		  -EFAULT);
}

static void ctl_driver(void)
{
	evtchn_port_t ports[3];
	uint64_t allowance = 0;

	refusals();
	/* What domain 0 sets, it reads back; then the defaults again. */
	EXPECT_EQ(ringo_sched_set(2, 7, NS_PER_MS, 2 * NS_PER_MS, 3 * NS_PER_MS), 0);
	expect_params(2, 7, NS_PER_MS, 2 * NS_PER_MS, 3 * NS_PER_MS);
	EXPECT_EQ(ringo_sched_set(2, PEER_WEIGHT_DEFAULT, 0, 0, 0), 0);
	expect_params(2, PEER_WEIGHT_DEFAULT, 0, 0, 0);
	EXPECT_EQ(ringo_sched_get_allowance(&allowance), 0);
	EXPECT_EQ(ringo_sched_set_allowance(2 * NS_PER_MS), 0);
	EXPECT_EQ(ringo_sched_get_allowance(&allowance), 0);
	EXPECT_EQ(allowance, 2 * NS_PER_MS);
	for (unsigned int i = 0; i < 3; i++) {
		if (peer_connect(4, &ports[i], PEER_CONNECT_TIMEOUT_NS) != 0) {
			test_fail(__FILE__, __LINE__, "d4 offered no port %u", i);
			return;
		}
	}
	EXPECT_EQ(evtchn_send(ports[0]), 0);
	EXPECT_EQ(ports_wait(&ports[1], 2, clock_system_ns() + PEER_REPLY_TIMEOUT_NS), 0);
}

TEST(sched_ctl_refused)
{
	peer_start();
	if (role_is("echo")) {
		unprivileged();
	}
	if (!guest_is_dom0()) {
		peer_park();
	}
	ctl_driver();
}
