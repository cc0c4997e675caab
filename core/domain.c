/*
 * domain.c: creating domains, giving them memory, and stopping them.
 *
 * Teardown order matters: the vCPU leaves the scheduler (its timers cancelled) and its
 * ports are closed while shared_info is still mapped, so each peer's end becomes unbound;
 * the vCPU leaves the CPU's page tables (arch_vcpu_destroy); then the base table and every pin are
 * dropped, which devalidates all the domain's page tables and releases every reference they held
 * (mm_release_tables); then the allocation references go, and with them every frame back to the
 * allocator, whose frame-table hook checks that no count is left. So no frame is reused while the
 * hardware may still walk it or a table still names it. A frame another domain still maps
 * (a privileged domain's foreign mapping) waits as an orphan for its last reference.
 */
#include "domain.h"
#include "arch/vcpu.h"
#include "check.h"
#include "console.h"
#include "frame_alloc.h"
#include "frame_table.h"
#include "lib.h"
#include "m2p.h"
#include "mm.h"
#include "public/errno.h"
#include "public/sched.h"
#include "sched.h"
#include "shutdown.h"

static struct domain domains[MAX_DOMAINS];

struct domain *domain_lookup(domid_t id)
{
	if (id >= MAX_DOMAINS || !domains[id].in_use) {
		return NULL;
	}
	return &domains[id];
}

/*
 * shared_info is the domain's, so the guest can map it, but it keeps a writable type
 * reference of its own for the domain's life (as Xen's shared pages do): it can never be
 * typed as a page table.
 */
static void give_shared_info(struct domain *d, mfn_t frame)
{
	frame_assign(d, frame);
	CHECK(frame_get_typed(d, frame, FRAME_WRITABLE) == 0);
	d->shared_info_frame = frame;
	d->shared_info = frame_map(frame);
}

struct domain *domain_create(domid_t id, bool privileged)
{
	struct domain *d;
	mfn_t shared;

	if (id >= MAX_DOMAINS || domains[id].in_use) {
		return NULL;
	}
	shared = frame_alloc();
	if (!mfn_is_valid(shared)) {
		return NULL;
	}
	d = &domains[id];
	*d = (struct domain){.id = id, .in_use = true, .privileged = privileged};
	d->vcpu[0] = (struct vcpu){.domain = d, .id = 0, .pt_base = invalid_mfn()};
	sched_vcpu_init(&d->vcpu[0]);
	give_shared_info(d, shared);
	return d;
}

static void domain_free_memory(struct domain *d)
{
	for (uint64_t i = 0; i < d->nr_pages; i++) {
		frame_unassign(d->p2m[i]);
	}
	if (d->p2m) {
		frame_free_contig(d->p2m_first, d->p2m_frames);
	}
	d->p2m = NULL;
	d->nr_pages = 0;
	d->p2m_frames = 0;
}

int domain_populate(struct domain *d, uint64_t nr_pages)
{
	uint64_t array_frames = round_up_u64(nr_pages * sizeof(mfn_t), PAGE_SIZE) >> PAGE_SHIFT;
	mfn_t first;

	CHECK(d->nr_pages == 0);
	if (nr_pages == 0 || nr_pages + array_frames > frame_free_count()) {
		return -ENOMEM;
	}
	first = frame_alloc_contig(array_frames);
	if (!mfn_is_valid(first)) {
		return -ENOMEM;
	}
	d->p2m_first = first;
	d->p2m_frames = (unsigned int)array_frames;
	d->p2m = frame_map(first);
	for (uint64_t i = 0; i < nr_pages; i++) {
		mfn_t frame = frame_alloc();

		if (!mfn_is_valid(frame)) {
			domain_free_memory(d);
			return -ENOMEM;
		}
		frame_assign(d, frame);
		m2p_set(frame, (xen_pfn_t)i);
		d->p2m[i] = frame;
		d->nr_pages = i + 1;
	}
	d->max_pages = nr_pages;
	return 0;
}

mfn_t domain_pfn_to_mfn(const struct domain *d, pfn_t frame)
{
	if (pfn_value(frame) >= d->nr_pages) {
		return invalid_mfn();
	}
	return d->p2m[pfn_value(frame)];
}

static enum machine_status machine_status_for(unsigned int reason)
{
	switch (reason) {
	case SHUTDOWN_reboot:
		return MACHINE_REBOOT;
	case SHUTDOWN_crash:
	case SHUTDOWN_watchdog:
		return MACHINE_CRASH;
	default:
		return MACHINE_POWEROFF;
	}
}

static const char *shutdown_reason_name(unsigned int reason)
{
	static const char *const names[] = {"poweroff", "reboot", "suspend", "crash", "watchdog"};

	return reason < ARRAY_SIZE(names) ? names[reason] : "unknown";
}

void domain_discard(struct domain *d)
{
	CHECK(d->nr_pages == 0 && !d->vcpu[0].runnable);
	frame_put_typed(d->shared_info_frame);
	frame_unassign(d->shared_info_frame);
	d->shared_info = NULL;
	d->in_use = false;
}

/* Domain 0 learns that another domain stopped (VIRQ_DOM_EXC, as Xen's). */
static void notify_dom0(const struct domain *d)
{
	struct domain *dom0 = domain_lookup(0);
	struct evtchn_notify notify;

	if (d->id == 0 || !dom0 || dom0->dying) {
		return;
	}
	notify.vcpu = &dom0->vcpu[0];
	notify.flags = evtchn_raise_virq(notify.vcpu, VIRQ_DOM_EXC);
	sched_notify(&notify);
}

void domain_shutdown(struct domain *d, unsigned int reason)
{
	struct vcpu *v = &d->vcpu[0];

	if (d->dying) {
		return;
	}
	d->dying = true;
	d->shutdown_reason = reason;
	if (d->console_len) {
		domain_console_write(d, "\n", 1);
	}
	printk("ringo: d%u shutdown: %s\n", d->id, shutdown_reason_name(reason));
	sched_remove_vcpu(v);
	evtchn_domain_destroy(d);
	arch_vcpu_destroy(v);
	mm_release_tables(d);
	domain_free_memory(d);
	frame_put_typed(d->shared_info_frame);
	frame_unassign(d->shared_info_frame);
	d->shared_info = NULL;
	d->in_use = false;
	if (d->id == 0) {
		machine_shutdown(machine_status_for(reason));
	}
	notify_dom0(d);
}

void domain_crash(struct domain *d, const char *fmt, ...)
{
	va_list args;

	printk("ringo: d%u crashed: ", d->id);
	va_start(args, fmt);
	vprintk(fmt, args);
	va_end(args);
	printk("\n");
	domain_shutdown(d, SHUTDOWN_crash);
}
