/*
 * time_clock.c: virtual time and the wall clock in domain 0 (the domUs stay blocked).
 *
 * time_runstate: VCPUOP_get_runstate_info of the running vCPU says running; its four
 * times add up: between two reads they grow by exactly the system time between the two
 * calls, the blocked time by at least the sleep between them; the running time is the
 * run time ringo_sched_ctl reports.
 * time_runstate_area: VCPUOP_register_runstate_memory_area: the area holds the running
 * state at once; after a sleep the run that followed wrote it again (running since after
 * the sleep began, the sleep counted as blocked); 0 unregisters; bad areas are -EFAULT.
 * time_wallclock: the wall clock is plausible (after 2026-01-01) and advances with system
 * time, to the ns.
 */
#include "../sched/peer.h"
#include "lib.h"
#include "test.h"

#define RUNSTATE_SLEEP_NS (20 * NS_PER_MS)
#define WALLCLOCK_SLEEP_NS (50 * NS_PER_MS)
#define UNIX_2026_01_01 1767225600ULL

static uint64_t runstate_sum(const struct vcpu_runstate_info *info)
{
	return info->time[0] + info->time[1] + info->time[2] + info->time[3];
}

/* The runstate, with system time just before and just after the call. */
static void runstate_read(struct vcpu_runstate_info *info, uint64_t *before, uint64_t *after)
{
	*before = clock_system_ns();
	EXPECT_EQ(vcpu_get_runstate(0, info), 0);
	*after = clock_system_ns();
}

TEST(time_runstate)
{
	struct vcpu_runstate_info r0, r1;
	struct ringo_sched_ctl ctl;
	uint64_t before0, after0, before1, after1, grew;

	peer_start();
	if (!guest_is_dom0()) {
		peer_park();
	}
	runstate_read(&r0, &before0, &after0);
	sleep_ns(RUNSTATE_SLEEP_NS);
	runstate_read(&r1, &before1, &after1);
	grew = runstate_sum(&r1) - runstate_sum(&r0);
	printf("time_runstate: running %llu us, runnable %llu us, blocked %llu us, offline %llu "
	       "us; grew by %llu us over %llu us\n",
	       (unsigned long long)(r1.time[RUNSTATE_running] / NS_PER_US),
	       (unsigned long long)(r1.time[RUNSTATE_runnable] / NS_PER_US),
	       (unsigned long long)(r1.time[RUNSTATE_blocked] / NS_PER_US),
	       (unsigned long long)(r1.time[RUNSTATE_offline] / NS_PER_US),
	       (unsigned long long)(grew / NS_PER_US),
	       (unsigned long long)((after1 - before0) / NS_PER_US));
	EXPECT_EQ(r0.state, RUNSTATE_running);
	EXPECT_EQ(r1.state, RUNSTATE_running);
	EXPECT_TRUE(r1.state_entry_time <= after1 && r1.state_entry_time >= r0.state_entry_time);
	EXPECT_TRUE(runstate_sum(&r1) <= after1);
	EXPECT_TRUE(grew >= before1 - after0 && grew <= after1 - before0);
	EXPECT_TRUE(r1.time[RUNSTATE_blocked] - r0.time[RUNSTATE_blocked] >=
		    RUNSTATE_SLEEP_NS - (after0 - before0) - (after1 - before1));
	EXPECT_TRUE(r1.time[RUNSTATE_running] >= r0.time[RUNSTATE_running]);
	/* The running time is the domain's virtual time, as domain 0 reads it. */
	EXPECT_EQ(ringo_sched_get(DOMID_SELF, &ctl), 0);
	EXPECT_TRUE(ctl.run_ns >= r1.time[RUNSTATE_running]);
	EXPECT_TRUE(ctl.run_ns - r1.time[RUNSTATE_running] < NS_PER_MS);
}

static struct vcpu_runstate_info runstate_area;

static long register_runstate_area(const void *area)
{
	struct vcpu_register_runstate_memory_area request = {.addr = (uintptr_t)area};

	return HYPERVISOR_vcpu_op(VCPUOP_register_runstate_memory_area, 0, &request);
}

TEST(time_runstate_area)
{
	uint64_t blocked;
	uint64_t slept_at;

	peer_start();
	if (!guest_is_dom0()) {
		peer_park();
	}
	EXPECT_EQ(register_runstate_area(&runstate_area), 0);
	EXPECT_EQ(runstate_area.state, RUNSTATE_running);
	EXPECT_TRUE(runstate_area.state_entry_time <= clock_system_ns());
	blocked = runstate_area.time[RUNSTATE_blocked];
	slept_at = clock_system_ns();
	sleep_ns(RUNSTATE_SLEEP_NS);
	EXPECT_EQ(runstate_area.state, RUNSTATE_running);
	EXPECT_TRUE(runstate_area.state_entry_time >= slept_at + RUNSTATE_SLEEP_NS);
	EXPECT_TRUE(runstate_area.time[RUNSTATE_blocked] - blocked >= RUNSTATE_SLEEP_NS / 2);
	/* Unregistered: a run no longer writes it. */
	EXPECT_EQ(register_runstate_area(NULL), 0);
	memset(&runstate_area, 0xaa, sizeof(runstate_area));
	sleep_ns(RUNSTATE_SLEEP_NS);
	EXPECT_EQ((uint32_t)runstate_area.state, 0xaaaaaaaaU);
	EXPECT_EQ(register_runstate_area((void *)guest_arch_unmapped_va), -EFAULT);
	EXPECT_EQ(register_runstate_area((void *)guest_arch_hypervisor_va), -EFAULT);
	EXPECT_EQ(HYPERVISOR_vcpu_op(VCPUOP_register_runstate_memory_area, 0,
				     (void *)guest_arch_unmapped_va),
		  -EFAULT);
	EXPECT_EQ((uint32_t)runstate_area.state, 0xaaaaaaaaU);
}

TEST(time_wallclock)
{
	uint64_t sec0, sec1, t0, t1, wall0, wall1;
	uint32_t nsec0, nsec1;
	char date[32];

	peer_start();
	if (!guest_is_dom0()) {
		peer_park();
	}
	clock_wall(&sec0, &nsec0);
	t0 = clock_system_ns();
	sleep_ns(WALLCLOCK_SLEEP_NS);
	clock_wall(&sec1, &nsec1);
	t1 = clock_system_ns();
	clock_format_utc(sec0, date, sizeof(date));
	printf("time_wallclock: %s UTC at system time %llu us\n", date,
	       (unsigned long long)(t0 / NS_PER_US));
	EXPECT_TRUE(sec0 >= UNIX_2026_01_01);
	EXPECT_TRUE(nsec0 < NS_PER_SEC && nsec1 < NS_PER_SEC);
	wall0 = sec0 * NS_PER_SEC + nsec0;
	wall1 = sec1 * NS_PER_SEC + nsec1;
	/* Each wall read came before its system-time read, within a few microseconds. */
	EXPECT_TRUE(wall1 - wall0 + 100 * NS_PER_US >= t1 - t0);
	EXPECT_TRUE(wall1 - wall0 <= t1 - t0 + 100 * NS_PER_US);
	EXPECT_TRUE(wall1 - wall0 >= WALLCLOCK_SLEEP_NS);
}
