/*
 * event_channel.h: event channels, Xen's 2-level ABI (ABI.md section 4).
 *
 * Three layers, each usable on its own:
 *   - evtchn_2l_*: the pending/mask/selector bit protocol on a shared_info page, as pure
 *     functions (evtchn_2l.c). They say what a raise asks of the caller (the EVTCHN_NOTIFY_*
 *     bits below) and never act on it themselves.
 *   - evtchn_alloc_unbound() ... evtchn_unmask(): the per-domain port table and Xen's rules
 *     for each command, on kernel structures (event_channel.c).
 *   - evtchn_op(): the event_channel_op hypercall body, copying the command's structure
 *     from and back to the guest (evtchn_op.c).
 * None of them wakes a vCPU or delivers an upcall: an operation that raises an event fills a
 * struct evtchn_notify, and the caller hands it to the scheduler (wake a blocked or polling
 * vCPU) and, on the way back into the guest, asks evtchn_upcall_deliverable() whether the
 * arch must deliver the upcall (arch/event.h).
 *
 * Ports: 1 .. EVTCHN_MAX_PORTS - 1 (port 0 is reserved and never allocated, as in Xen). A
 * port is free, unbound (allocated for one remote domain to bind), interdomain (connected
 * to a port of another or the same domain), virq (a VIRQ of one vCPU) or ipi (a vCPU of its
 * own domain). The table lives in struct domain and starts all free (zeroed).
 */
#ifndef RINGO_EVENT_CHANNEL_H
#define RINGO_EVENT_CHANNEL_H

#include "addr.h"
#include "check.h"
#include "public/event_channel.h"
#include "public/xen.h"

struct domain;
struct vcpu;

#define EVTCHN_BITS_PER_WORD (sizeof(xen_ulong_t) * 8)

/*
 * Ports per domain: Xen's 2-level limit on x86 (32 words of 32 bits), and Xen's default
 * for a guest on ARM64 too, where the bitmaps could hold 4096.
 */
#define EVTCHN_MAX_PORTS 1024U

_Static_assert(EVTCHN_MAX_PORTS <= EVTCHN_WORDS * EVTCHN_BITS_PER_WORD,
	       "the 2-level bitmaps hold every port");

enum evtchn_state {
	EVTCHN_FREE = 0,
	EVTCHN_UNBOUND,
	EVTCHN_INTERDOMAIN,
	EVTCHN_VIRQ,
	EVTCHN_IPI,
};

/* One port of a domain (8 bytes; EVTCHN_MAX_PORTS of them in struct domain). */
struct evtchn {
	uint8_t state;	    /* enum evtchn_state */
	uint8_t vcpu;	    /* the vCPU of this domain the port notifies */
	domid_t remote_dom; /* UNBOUND: the domain allowed to bind it; INTERDOMAIN: the peer */
	uint32_t value;	    /* INTERDOMAIN: the peer's port; VIRQ: the VIRQ number */
};

/*
 * What raising (or unmasking) a port asks of the caller, as bits; 0 when nothing new
 * happened (the port was pending already, or the vCPU had an upcall pending already).
 *   PENDING: the port's pending bit went 0 -> 1: wake the vCPU if it polls this port
 *            (sched_op poll), even when the port is masked.
 *   KICK:    the vCPU's evtchn_upcall_pending went 0 -> 1: wake it if it is blocked.
 *   UPCALL:  with KICK, and its evtchn_upcall_mask is clear: an upcall is due. For the
 *            current vCPU it is delivered on the way back into the guest; any other vCPU
 *            takes it when it next runs (evtchn_upcall_deliverable is checked on every
 *            return to a guest), so this bit is information, not a second duty.
 */
#define EVTCHN_NOTIFY_PENDING (1U << 0)
#define EVTCHN_NOTIFY_KICK (1U << 1)
#define EVTCHN_NOTIFY_UPCALL (1U << 2)

/* The vCPU an operation raised an event for, and the EVTCHN_NOTIFY_* bits; vcpu NULL: none. */
struct evtchn_notify {
	struct vcpu *vcpu;
	unsigned int flags;
};

/* ---- the 2-level bit protocol on a shared_info page (evtchn_2l.c) ---- */

/*
 * Raises port for vcpu_id: sets its pending bit; if that went 0 -> 1 and the port is not
 * masked, sets selector bit port / EVTCHN_BITS_PER_WORD in the vCPU's evtchn_pending_sel
 * and evtchn_upcall_pending = 1. Returns EVTCHN_NOTIFY_* bits. port < EVTCHN_MAX_PORTS and
 * vcpu_id < XEN_LEGACY_MAX_VCPUS (checked: a caller bug panics).
 */
static inline unsigned int evtchn_2l_set_pending(struct shared_info *s, unsigned int vcpu_id,
						 evtchn_port_t port);

/*
 * Port is pending and unmasked: sets its selector bit in vcpu_id's evtchn_pending_sel and
 * evtchn_upcall_pending. Returns EVTCHN_NOTIFY_KICK (| _UPCALL when events are unmasked)
 * when upcall_pending went 0 -> 1, else 0.
 */
static inline unsigned int evtchn_2l_signal(struct shared_info *s, unsigned int vcpu_id,
					    evtchn_port_t port);

/*
 * The rest of evtchn_2l_set_pending once port's pending bit went 0 -> 1 (evtchn_2l.c): out
 * of line, so that a send to a port already pending keeps no registers for it. Only
 * evtchn_2l_set_pending calls it, with the port and vCPU it checked.
 */
HOT_CALL unsigned int evtchn_2l_raised(struct shared_info *s, unsigned int vcpu_id,
				       evtchn_port_t port);

/* A caller bug evtchn_2l_set_pending found: panics. */
noreturn void evtchn_2l_bad_port(unsigned int vcpu_id, evtchn_port_t port);

/*
 * Clears port's mask bit; if it was set and the port is pending, raises it again for
 * vcpu_id exactly as a fresh event (selector bit, upcall_pending). Unmasking a port that
 * was not masked changes nothing, so a pending event is re-raised once, not once per call.
 */
unsigned int evtchn_2l_unmask(struct shared_info *s, unsigned int vcpu_id, evtchn_port_t port);

/* Clears port's pending bit (a port being freed must not fire on its next binding). */
void evtchn_2l_clear_pending(struct shared_info *s, evtchn_port_t port);

bool evtchn_2l_is_pending(const struct shared_info *s, evtchn_port_t port);
bool evtchn_2l_is_masked(const struct shared_info *s, evtchn_port_t port);

/* Inline: the send hypercall's hot path, and the signal evtchn_2l.c's two raises share. */
static inline unsigned int evtchn_2l_signal(struct shared_info *s, unsigned int vcpu_id,
					    evtchn_port_t port)
{
	struct vcpu_info *info = &s->vcpu_info[vcpu_id];

	__atomic_fetch_or(&info->evtchn_pending_sel,
			  (xen_ulong_t)1 << (port / EVTCHN_BITS_PER_WORD), __ATOMIC_SEQ_CST);
	if (__atomic_exchange_n(&info->evtchn_upcall_pending, 1, __ATOMIC_SEQ_CST)) {
		return 0;
	}
	if (__atomic_load_n(&info->evtchn_upcall_mask, __ATOMIC_SEQ_CST)) {
		return EVTCHN_NOTIFY_KICK;
	}
	return EVTCHN_NOTIFY_KICK | EVTCHN_NOTIFY_UPCALL;
}

static inline unsigned int evtchn_2l_set_pending(struct shared_info *s, unsigned int vcpu_id,
						 evtchn_port_t port)
{
	xen_ulong_t bit = (xen_ulong_t)1 << (port % EVTCHN_BITS_PER_WORD);

	if (port >= EVTCHN_MAX_PORTS || vcpu_id >= XEN_LEGACY_MAX_VCPUS) {
		evtchn_2l_bad_port(vcpu_id, port);
	}
	if (__atomic_fetch_or(&s->evtchn_pending[port / EVTCHN_BITS_PER_WORD], bit,
			      __ATOMIC_SEQ_CST) &
	    bit) {
		return 0;
	}
	return evtchn_2l_raised(s, vcpu_id, port);
}

/* True when the vCPU whose vcpu_info this is must take the event upcall on guest entry. */
static inline bool evtchn_upcall_deliverable(const struct vcpu_info *info)
{
	return __atomic_load_n(&info->evtchn_upcall_pending, __ATOMIC_SEQ_CST) &&
	       !__atomic_load_n(&info->evtchn_upcall_mask, __ATOMIC_SEQ_CST);
}

/* ---- the commands, on kernel structures (event_channel.c) ---- */

/*
 * Each command follows Xen's rules and errors; requests are the guest's structures, already
 * copied in, with outputs filled in on success. Nothing changes on failure. `caller` is the
 * domain (or vCPU) making the request; DOMID_SELF means the caller.
 *
 * alloc_unbound: dom must be the caller unless the caller is privileged (-EPERM); an
 *   unknown dom is -ESRCH; no free port is -ENOSPC; a dying dom is -EINVAL.
 * bind_interdomain: remote_port must be unbound and allocated for the caller (-EINVAL
 *   otherwise; privilege does not help); unknown remote_dom -ESRCH; no free port -ENOSPC.
 *   The new local port is raised once (Xen does so: a send to the remote port while it was
 *   unbound was dropped), which is what notify reports.
 * bind_virq: virq >= NR_VIRQS, or a global VIRQ on a vCPU other than 0, is -EINVAL; no such
 *   vCPU is -ENOENT; a VIRQ already bound on that vCPU is -EEXIST.
 * bind_ipi: no such vCPU is -ENOENT.
 * close: a port out of range or free is -EINVAL. Closing one end of an interdomain channel
 *   leaves the other end unbound, bindable again by the closer's domain. The closed port's
 *   pending bit is cleared.
 * send: interdomain raises the peer's port, ipi the port itself; unbound drops the event
 *   and succeeds; anything else (free, virq, out of range) is -EINVAL.
 * status: unknown dom -ESRCH; port out of range -EINVAL; another domain's port, unless the
 *   caller is privileged, -EPERM.
 * unmask: a port out of range is -EINVAL; see evtchn_2l_unmask.
 */
int evtchn_alloc_unbound(struct domain *caller, struct evtchn_alloc_unbound *req);
int evtchn_bind_interdomain(struct domain *caller, struct evtchn_bind_interdomain *req,
			    struct evtchn_notify *notify);
int evtchn_bind_virq(struct domain *caller, struct evtchn_bind_virq *req);
int evtchn_bind_ipi(struct domain *caller, struct evtchn_bind_ipi *req);
int evtchn_close(struct domain *caller, evtchn_port_t port);
int evtchn_send(struct domain *caller, evtchn_port_t port, struct evtchn_notify *notify);
int evtchn_status(const struct domain *caller, struct evtchn_status *req);
int evtchn_unmask(struct domain *caller, evtchn_port_t port, struct evtchn_notify *notify);

/*
 * Raises VIRQ virq on v if v has it bound (hypervisor-originated: timer, console, debug,
 * and VIRQ_DOM_EXC to domain 0). Returns EVTCHN_NOTIFY_* bits for v; 0 when unbound.
 */
unsigned int evtchn_raise_virq(struct vcpu *v, unsigned int virq);

/*
 * Closes every port of a domain that is going away, so each peer's end becomes unbound
 * and a send to it is dropped. Call while d's shared_info is still mapped.
 */
void evtchn_domain_destroy(struct domain *d);

/* ---- the hypercall (evtchn_op.c) ---- */

/*
 * event_channel_op(cmd, arg) for vCPU v: copies the command's structure from guest
 * address arg, runs it, and copies it back for the commands with outputs. The write-back
 * is checked before the command runs, so -EFAULT changes nothing. Unknown commands
 * (bind_pirq, bind_vcpu, FIFO's init_control...) are -ENOSYS. notify is always written.
 */
long evtchn_op(struct vcpu *v, unsigned long cmd, gvaddr_t arg, struct evtchn_notify *notify);

/*
 * EVTCHNOP_send of port by vCPU v, its structure already read (event_channel.c): the
 * send's result, and whatever it raised handed to the scheduler. The hypercall's own send,
 * and the way an arch's hypercall entry that read the port itself goes (x86's entry.S,
 * which passes v and port in registers: HOT_CALL).
 */
HOT_CALL long evtchn_send_port(struct vcpu *v, evtchn_port_t port);

#endif
