/*
 * dom0.c: the default domain 0 that `make run` boots (dts/ringo-default.dts).
 *
 * It introduces itself and what the hypervisor told it at start of day, reads the wall
 * clock, finds every other domain (ringo_sched_ctl get answers for the domains that
 * exist) and shows its BVT parameters, exchanges events with each one that offers it a
 * channel (guests/domu), measuring round trips, lets the system run for a few seconds on a
 * VIRQ_TIMER sleep, shows each domain's run time then, and powers the machine off.
 */
#include "clock.h"
#include "events.h"
#include "lib.h"
#include "schedule.h"

#define MAX_DOMAINS 16
#define ROUND_TRIPS 100U
#define RUN_NS (3 * NS_PER_SEC)
#define FIND_NS (2 * NS_PER_SEC)
#define REPLY_NS NS_PER_SEC

static volatile unsigned long replies;
static volatile unsigned long ticks;

static void count_reply(evtchn_port_t port, void *data)
{
	(void)port;
	(void)data;
	replies++;
}

static void count_tick(evtchn_port_t port, void *data)
{
	(void)port;
	(void)data;
	ticks++;
}

static const char *runstate_name(uint32_t state)
{
	static const char *const names[] = {"running", "runnable", "blocked", "offline"};

	return state < 4 ? names[state] : "?";
}

static void show_start_of_day(void)
{
	long version = HYPERVISOR_xen_version(XENVER_version, NULL);
	char extra[16] = {0};
	char date[32];
	uint64_t sec;
	uint32_t nsec;

	HYPERVISOR_xen_version(XENVER_extraversion, extra);
	printf("Ringo domain 0 (%s) running on Xen interface %ld.%ld%s\n", guest_arch_name,
	       version >> 16, version & 0xffff, extra);
	printf("start_info: %s, %lu pages, page tables at 0x%lx (%lu frames), p2m at 0x%lx\n",
	       start_info->magic, start_info->nr_pages, start_info->pt_base,
	       start_info->nr_pt_frames, start_info->mfn_list);
	printf("command line: \"%s\"\n", (const char *)start_info->cmd_line);
	clock_wall(&sec, &nsec);
	clock_format_utc(sec, date, sizeof(date));
	printf("wall clock: %s UTC (%llu.%09u), system time %llu us\n", date,
	       (unsigned long long)sec, (unsigned int)nsec,
	       (unsigned long long)(clock_system_ns() / NS_PER_US));
}

/* Prints one line per existing domain; returns how many exist (ids in ids[]). */
static unsigned int show_domains(domid_t *ids)
{
	unsigned int count = 0;

	for (domid_t d = 0; d < MAX_DOMAINS; d++) {
		struct ringo_sched_ctl ctl;
		long rc = ringo_sched_get(d, &ctl);

		if (rc == -ESRCH) {
			continue;
		}
		if (rc) {
			printf("d%u: ringo_sched_ctl get failed (%ld)\n", d, rc);
			continue;
		}
		printf("d%u: BVT weight %u, warp %llu us, limit %llu us, unwarp %llu us; "
		       "run %llu us, %s%s\n",
		       d, ctl.weight, (unsigned long long)(ctl.warp_ns / NS_PER_US),
		       (unsigned long long)(ctl.warp_limit_ns / NS_PER_US),
		       (unsigned long long)(ctl.unwarp_ns / NS_PER_US),
		       (unsigned long long)(ctl.run_ns / NS_PER_US), runstate_name(ctl.runstate),
		       ctl.warped ? ", warped" : "");
		if (ids) {
			ids[count] = d;
		}
		count++;
	}
	return count;
}

/* Connects to dom's offered port and makes ROUND_TRIPS event round trips over it. */
static void exchange_events(domid_t dom)
{
	evtchn_port_t remote, local;
	uint64_t start, elapsed;
	long rc = evtchn_find_unbound(dom, 0, &remote, FIND_NS);

	if (rc == 0) {
		rc = evtchn_connect(dom, remote, count_reply, NULL, &local);
	}
	if (rc) {
		printf("d%u: no event channel (%ld)\n", dom, rc);
		return;
	}
	/* The bind raises the new port once. */
	events_wait_port(replies == 1, local, REPLY_NS);
	replies = 0;
	start = clock_system_ns();
	for (unsigned long i = 1; i <= ROUND_TRIPS; i++) {
		evtchn_send(local);
		if (!events_wait_port(replies == i, local, REPLY_NS)) {
			break;
		}
	}
	elapsed = clock_system_ns() - start;
	printf("d%u: event channel %u <-> d%u port %u: %lu of %u round trips, %llu us each\n", dom,
	       (unsigned int)local, dom, (unsigned int)remote, replies, ROUND_TRIPS,
	       (unsigned long long)(replies ? elapsed / replies / NS_PER_US : 0));
	replies = 0;
}

/* Sleeps for ns on VIRQ_TIMER (the other domains run meanwhile). */
static void sleep_ns(evtchn_port_t timer, uint64_t ns)
{
	unsigned long before = ticks;

	HYPERVISOR_set_timer_op(clock_system_ns() + ns);
	events_wait_port(ticks != before, timer, ns + NS_PER_SEC);
}

void guest_main(void)
{
	domid_t ids[MAX_DOMAINS];
	unsigned int count;
	evtchn_port_t timer;

	show_start_of_day();
	events_init();
	if (evtchn_bind_virq(VIRQ_TIMER, 0, &timer) == 0) {
		evtchn_set_handler(timer, count_tick, NULL);
	}
	count = show_domains(ids);
	printf("%u domain(s)\n", count);
	for (unsigned int i = 0; i < count; i++) {
		if (ids[i] != 0) {
			exchange_events(ids[i]);
		}
	}
	printf("letting the domains run for %llu s\n", (unsigned long long)(RUN_NS / NS_PER_SEC));
	sleep_ns(timer, RUN_NS);
	show_domains(NULL);
	printf("domain 0 done, powering off\n");
}
