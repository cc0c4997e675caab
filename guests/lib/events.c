/*
 * events.c: the EVTCHNOP wrappers, the port -> handler table and the upcall dispatcher
 * (see events.h).
 *
 * The dispatcher is Linux's 2-level loop: clear evtchn_upcall_pending, swap
 * evtchn_pending_sel with 0, and for each selected word take the pending and unmasked bits,
 * clearing each port's pending bit atomically before its handler runs (so a send during the
 * handler is a new delivery), then go round again while evtchn_upcall_pending was set
 * meanwhile.
 */
#include "events.h"

struct port_handler {
	evtchn_handler_t handler;
	void *data;
};

static struct port_handler handlers[EVTCHN_NR_PORTS];
static unsigned long unhandled_count;
static unsigned long upcall_count;
static bool events_ready;

/* ---- the hypercall wrappers ---- */

/* Runs cmd on op and, on success, stores the port the hypervisor wrote to *result in *port. */
static long op_with_port(unsigned int cmd, void *op, const evtchn_port_t *result,
			 evtchn_port_t *port)
{
	long rc = HYPERVISOR_event_channel_op(cmd, op);

	if (rc == 0 && port) {
		*port = *result;
	}
	return rc;
}

long evtchn_alloc_unbound(domid_t dom, domid_t remote_dom, evtchn_port_t *port)
{
	struct evtchn_alloc_unbound op = {.dom = dom, .remote_dom = remote_dom};

	return op_with_port(EVTCHNOP_alloc_unbound, &op, &op.port, port);
}

long evtchn_bind_interdomain(domid_t remote_dom, evtchn_port_t remote_port,
			     evtchn_port_t *local_port)
{
	struct evtchn_bind_interdomain op = {.remote_dom = remote_dom, .remote_port = remote_port};

	return op_with_port(EVTCHNOP_bind_interdomain, &op, &op.local_port, local_port);
}

long evtchn_bind_virq(uint32_t virq, uint32_t vcpu, evtchn_port_t *port)
{
	struct evtchn_bind_virq op = {.virq = virq, .vcpu = vcpu};

	return op_with_port(EVTCHNOP_bind_virq, &op, &op.port, port);
}

long evtchn_bind_ipi(uint32_t vcpu, evtchn_port_t *port)
{
	struct evtchn_bind_ipi op = {.vcpu = vcpu};

	return op_with_port(EVTCHNOP_bind_ipi, &op, &op.port, port);
}

long evtchn_bind_pirq(uint32_t pirq, uint32_t flags, evtchn_port_t *port)
{
	struct evtchn_bind_pirq op = {.pirq = pirq, .flags = flags};

	return op_with_port(EVTCHNOP_bind_pirq, &op, &op.port, port);
}

long evtchn_bind_vcpu(evtchn_port_t port, uint32_t vcpu)
{
	struct evtchn_bind_vcpu op = {.port = port, .vcpu = vcpu};

	return HYPERVISOR_event_channel_op(EVTCHNOP_bind_vcpu, &op);
}

long evtchn_close(evtchn_port_t port)
{
	struct evtchn_close op = {.port = port};

	return HYPERVISOR_event_channel_op(EVTCHNOP_close, &op);
}

long evtchn_send(evtchn_port_t port)
{
	struct evtchn_send op = {.port = port};

	return HYPERVISOR_event_channel_op(EVTCHNOP_send, &op);
}

long evtchn_status(domid_t dom, evtchn_port_t port, struct evtchn_status *status)
{
	*status = (struct evtchn_status){.dom = dom, .port = port};
	return HYPERVISOR_event_channel_op(EVTCHNOP_status, status);
}

long evtchn_unmask(evtchn_port_t port)
{
	struct evtchn_unmask op = {.port = port};

	return HYPERVISOR_event_channel_op(EVTCHNOP_unmask, &op);
}

/* ---- shared_info bits ---- */

struct vcpu_info *events_vcpu_info(void)
{
	struct shared_info *shared = guest_shared_info();

	return shared ? &shared->vcpu_info[0] : NULL;
}

static xen_ulong_t port_bit(evtchn_port_t port)
{
	return (xen_ulong_t)1 << (port % EVTCHN_BITS_PER_WORD);
}

void evtchn_mask_port(evtchn_port_t port)
{
	struct shared_info *shared = guest_shared_info();

	if (shared && port < EVTCHN_NR_PORTS) {
		__atomic_fetch_or(&shared->evtchn_mask[port / EVTCHN_BITS_PER_WORD], port_bit(port),
				  __ATOMIC_SEQ_CST);
	}
}

bool evtchn_port_pending(evtchn_port_t port)
{
	struct shared_info *shared = guest_shared_info();

	return shared && port < EVTCHN_NR_PORTS &&
	       (__atomic_load_n(&shared->evtchn_pending[port / EVTCHN_BITS_PER_WORD],
				__ATOMIC_SEQ_CST) &
		port_bit(port));
}

void evtchn_clear_port(evtchn_port_t port)
{
	struct shared_info *shared = guest_shared_info();

	if (shared && port < EVTCHN_NR_PORTS) {
		__atomic_fetch_and(&shared->evtchn_pending[port / EVTCHN_BITS_PER_WORD],
				   ~port_bit(port), __ATOMIC_SEQ_CST);
	}
}

/* ---- local delivery control ---- */

void events_force_callback(void)
{
	/* Any hypercall will do: the way back to the guest delivers a due upcall. */
	HYPERVISOR_xen_version(XENVER_version, NULL);
}

void events_mask(void)
{
	struct vcpu_info *vcpu = events_vcpu_info();

	if (vcpu) {
		__atomic_store_n(&vcpu->evtchn_upcall_mask, 1, __ATOMIC_SEQ_CST);
	}
}

void events_unmask(void)
{
	struct vcpu_info *vcpu = events_vcpu_info();

	if (!vcpu) {
		return;
	}
	__atomic_store_n(&vcpu->evtchn_upcall_mask, 0, __ATOMIC_SEQ_CST);
	if (__atomic_load_n(&vcpu->evtchn_upcall_pending, __ATOMIC_SEQ_CST)) {
		events_force_callback();
	}
}

unsigned int events_save_and_mask(void)
{
	struct vcpu_info *vcpu = events_vcpu_info();

	if (!vcpu) {
		return 1;
	}
	return __atomic_exchange_n(&vcpu->evtchn_upcall_mask, 1, __ATOMIC_SEQ_CST);
}

void events_restore(unsigned int saved)
{
	if (!saved) {
		events_unmask();
	}
}

/* ---- handlers and the dispatcher ---- */

long evtchn_set_handler(evtchn_port_t port, evtchn_handler_t handler, void *data)
{
	unsigned int saved;

	if (port >= EVTCHN_NR_PORTS) {
		return -EINVAL;
	}
	saved = events_save_and_mask();
	handlers[port] = (struct port_handler){.handler = handler, .data = data};
	events_restore(saved);
	return 0;
}

unsigned long evtchn_unhandled_count(void)
{
	return unhandled_count;
}

unsigned long evtchn_upcall_count(void)
{
	return upcall_count;
}

static void dispatch_port(evtchn_port_t port)
{
	const struct port_handler *entry = &handlers[port];

	if (entry->handler) {
		entry->handler(port, entry->data);
	} else {
		unhandled_count++;
	}
}

/* Handles the pending, unmasked ports of one selector word. */
static void dispatch_word(struct shared_info *shared, unsigned int word)
{
	xen_ulong_t bits = __atomic_load_n(&shared->evtchn_pending[word], __ATOMIC_SEQ_CST) &
			   ~__atomic_load_n(&shared->evtchn_mask[word], __ATOMIC_SEQ_CST);

	while (bits) {
		unsigned int bit = (unsigned int)__builtin_ctzl(bits);
		evtchn_port_t port = word * EVTCHN_BITS_PER_WORD + bit;

		bits &= bits - 1;
		__atomic_fetch_and(&shared->evtchn_pending[word], ~((xen_ulong_t)1 << bit),
				   __ATOMIC_SEQ_CST);
		dispatch_port(port);
	}
}

void evtchn_do_upcall(void)
{
	struct shared_info *shared = guest_shared_info();
	struct vcpu_info *vcpu;

	if (!shared) {
		return;
	}
	vcpu = &shared->vcpu_info[0];
	upcall_count++;
	do {
		xen_ulong_t words;

		__atomic_store_n(&vcpu->evtchn_upcall_pending, 0, __ATOMIC_SEQ_CST);
		words = __atomic_exchange_n(&vcpu->evtchn_pending_sel, 0, __ATOMIC_SEQ_CST);
		while (words) {
			unsigned int word = (unsigned int)__builtin_ctzl(words);

			words &= words - 1;
			dispatch_word(shared, word);
		}
	} while (__atomic_load_n(&vcpu->evtchn_upcall_pending, __ATOMIC_SEQ_CST));
}

void events_init(void)
{
	if (events_ready || !guest_shared_info()) {
		return;
	}
	events_arch_init();
	events_ready = true;
	events_arch_enable();
	events_unmask();
}
