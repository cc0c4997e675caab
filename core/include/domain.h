/*
 * domain.h: domains and their virtual CPUs.
 *
 * A domain owns machine frames (its pseudo-physical memory, through the p2m array), one
 * shared_info page (permanently typed writable, so it can never become a page table), and
 * its vCPUs. Arch-private state (saved registers, page-table base,
 * trap tables) lives in struct arch_vcpu / struct arch_domain from the arch's plat/vcpu.h.
 *
 * Shutdown and crash follow DESIGN.md's error tiers: a guest that asks to stop, or that
 * broke itself, stops alone; its memory goes back to the allocator. When domain 0 stops,
 * the machine stops with domain 0's reason.
 */
#ifndef RINGO_DOMAIN_H
#define RINGO_DOMAIN_H

#include "addr.h"
#include "bvt.h"
#include "event_channel.h"
#include "plat/vcpu.h"
#include "public/vcpu.h"
#include "public/xen.h"

#define MAX_DOMAINS 128
#define DOMAIN_CONSOLE_LINE 256

struct domain;

struct vcpu {
	struct domain *domain;
	unsigned int id;
	bool runnable;
	/* Every entry into the hypervisor from this vCPU (traps, hypercalls, interrupts). */
	uint64_t hypervisor_entries;
	/* The top-level table the base register names, holding a type reference (mm.h). */
	mfn_t pt_base;
	bool in_multicall;
	struct arch_vcpu arch;
	/* The port each VIRQ is bound to on this vCPU; 0: unbound (event_channel.c). */
	evtchn_port_t virq_port[NR_VIRQS];
	/* Its BVT scheduling state and parameters (bvt.c); the scheduler links these. */
	struct bvt_vcpu bvt;
	/* The scheduler's (sched.c): waiting, timers and accounting. */
	bool polling;		  /* blocked in SCHEDOP_poll */
	evtchn_port_t poll_port;  /* polling one port; 0: any of several */
	uint64_t poll_timeout_ns; /* system time the poll ends; TIME_NEVER none */
	uint64_t timer_ns;	  /* its single-shot timer; TIME_NEVER none */
	/*
	 * Its runstate: state, state_entry_time, and time[] of the blocked and offline states
	 * up to state_entry_time. Running and runnable are counted together, as active_ns up
	 * to active_since (when it last became running or runnable), so that a switch between
	 * the two only sets state and state_entry_time; the split is BVT's run time.
	 */
	struct vcpu_runstate_info runstate;
	uint64_t active_ns;
	uint64_t active_since;
	/* System time at which its vcpu_time_info is next rewritten (time.c). */
	uint64_t time_refresh_ns;
	/*
	 * VCPUOP_register_runstate_memory_area: the guest virtual address its runstate is
	 * written to each time it is scheduled to run (sched.c); 0: none.
	 */
	uintptr_t runstate_area;
};

struct domain {
	domid_t id;
	bool in_use;
	bool privileged;
	bool dying;
	unsigned int shutdown_reason; /* SHUTDOWN_* of public/sched.h, valid when dying */
	unsigned long vm_assist;      /* enabled VMASST_TYPE_* bits */
	uint64_t nr_pages;
	uint64_t max_pages;
	mfn_t *p2m;	 /* hypervisor copy of pfn -> mfn, nr_pages entries */
	mfn_t p2m_first; /* the contiguous frames holding p2m */
	unsigned int p2m_frames;
	mfn_t shared_info_frame;
	struct shared_info *shared_info;
	struct vcpu vcpu[1];
	char console_line[DOMAIN_CONSOLE_LINE];
	size_t console_len;
	struct arch_domain arch;
	/* Event channel ports, all free (zero) at creation; port 0 is reserved. */
	struct evtchn evtchn[EVTCHN_MAX_PORTS];
};

/* Creates an empty domain (no memory yet); NULL when the id is taken or out of range. */
struct domain *domain_create(domid_t id, bool privileged);

/*
 * Gives the domain nr_pages zeroed frames as pfn 0..nr_pages-1 (owned by it, in the M2P);
 * -ENOMEM leaves it empty.
 */
int domain_populate(struct domain *d, uint64_t nr_pages);

struct domain *domain_lookup(domid_t id);

/* Frees a created domain that never ran and holds no memory (a build that failed). */
void domain_discard(struct domain *d);

/* pfn -> mfn for the domain's own memory; invalid mfn when out of range. */
mfn_t domain_pfn_to_mfn(const struct domain *d, pfn_t frame);

/*
 * Stops the domain for the given SHUTDOWN_* reason and reclaims its memory: it leaves the
 * scheduler (timers cancelled), its ports close (peers' ends become unbound), its base table
 * and pins are dropped (devalidating its page tables), then its allocation references. Its
 * id is free again; domain 0, unless it is the one stopping, gets VIRQ_DOM_EXC.
 */
void domain_shutdown(struct domain *d, unsigned int reason);

/* The guest broke itself: log why, then stop it alone with SHUTDOWN_crash. */
void domain_crash(struct domain *d, const char *fmt, ...) PRINTF_LIKE(2, 3);

/* Appends guest console output; complete lines are printed with the "(dN) " prefix. */
void domain_console_write(struct domain *d, const char *text, size_t len);

#endif
