/*
 * traps.c (x86 guest): the trap table, the dispatcher, and catching faults in tests.
 *
 * See x86/traps.h. The trap table names trap_entry.S's stubs with the flat ring-1 code
 * selector; exceptions keep DPL 0 (only the CPU raises them), #BP and #OF get DPL 3 so
 * that int3/into work from any ring, and the system call 0x80 gets DPL 3 without the
 * mask-events flag, so that the hypervisor makes it a direct hardware gate. Traps from
 * ring 3 land on trap_kernel_stack (stack_switch).
 */
#include "lib.h"
#include "x86/hypercalls.h"
#include "x86/traps.h"

#define KERNEL_STACK_SIZE 0x4000
#define TRAP_TABLE_SIZE (TRAP_EXCEPTIONS + 2)

extern const uint32_t trap_stubs[TRAP_EXCEPTIONS];

static alignas(16) uint8_t trap_kernel_stack[KERNEL_STACK_SIZE];

struct trap_info traps_table[TRAP_TABLE_SIZE];
static trap_handler_t handlers[TRAP_EXCEPTIONS];
static bool traps_ready;

void (*trap_user_fault)(struct trap_frame *frame);

/* trap_catch's state: where to go back to, and what to fill in. */
static struct jump_buffer catch_jump;
static struct trap_record *catch_record;

unsigned long trap_stub_address(unsigned int vector)
{
	return vector < TRAP_EXCEPTIONS ? trap_stubs[vector] : 0;
}

unsigned long trap_kernel_stack_top(void)
{
	return (unsigned long)(trap_kernel_stack + KERNEL_STACK_SIZE);
}

static void table_fill(void)
{
	unsigned int n = 0;

	for (unsigned int vector = 0; vector < TRAP_EXCEPTIONS; vector++) {
		unsigned int dpl = vector == TRAP_BP || vector == TRAP_OF ? 3 : 0;

		traps_table[n++] = (struct trap_info){
		    .vector = (uint8_t)vector,
		    .flags = (uint8_t)dpl,
		    .cs = FLAT_RING1_CS,
		    .address = trap_stubs[vector],
		};
	}
	traps_table[n++] = (struct trap_info){
	    .vector = TRAP_SYSCALL,
	    .flags = 3,
	    .cs = FLAT_RING1_CS,
	    .address = (unsigned long)trap_syscall_entry,
	};
	traps_table[n] = (struct trap_info){0};
}

void traps_init(void)
{
	long rc;

	if (traps_ready) {
		return;
	}
	table_fill();
	rc = HYPERVISOR_set_trap_table(traps_table);
	if (rc == 0) {
		rc = HYPERVISOR_stack_switch(FLAT_RING1_SS, trap_kernel_stack_top());
	}
	if (rc) {
		printf("traps_init: the hypervisor refused the trap table (%ld)\n", rc);
		guest_shutdown(SHUTDOWN_crash);
	}
	traps_ready = true;
}

/* The default handler of a vector in the table: its stub, or the system-call entry. */
static unsigned long default_entry(unsigned int vector)
{
	return vector == TRAP_SYSCALL ? (unsigned long)trap_syscall_entry
				      : trap_stub_address(vector);
}

long trap_set_entry(unsigned int vector, unsigned long address)
{
	traps_init();
	for (struct trap_info *entry = traps_table; entry->address; entry++) {
		if (entry->vector == vector) {
			entry->address = address ? address : default_entry(vector);
			return HYPERVISOR_set_trap_table(traps_table);
		}
	}
	return -EINVAL;
}

void trap_set_handler(unsigned int vector, trap_handler_t handler)
{
	if (vector < TRAP_EXCEPTIONS) {
		handlers[vector] = handler;
	}
}

static uint32_t vcpu_cr2(void)
{
	struct shared_info *shared = guest_shared_info();

	return shared ? (uint32_t)shared->vcpu_info[0].arch.cr2 : 0;
}

static void record_trap(const struct trap_frame *frame, struct trap_record *record)
{
	*record = (struct trap_record){
	    .vector = frame->vector,
	    .error_code = frame->error_code,
	    .eip = frame->eip,
	    .cs = frame->cs & 0xffff,
	    .eflags = frame->eflags,
	    .esp = (frame->cs & 3) ? frame->esp : (uint32_t)(uintptr_t)(&frame->esp),
	    .cr2 = frame->vector == TRAP_PF ? vcpu_cr2() : 0,
	    .saved_mask = (frame->cs >> BOUNCE_CS_MASK_SHIFT) & 0xff,
	};
}

bool trap_catch(void (*fn)(void *), void *arg, struct trap_record *record)
{
	traps_init();
	if (jump_save(&catch_jump)) {
		return true;
	}
	catch_record = record;
	fn(arg);
	catch_record = NULL;
	return false;
}

static noreturn void unexpected_trap(const struct trap_frame *frame)
{
	printf("unexpected trap %u at eip 0x%08x (cs 0x%x), error 0x%x, cr2 0x%08x\n",
	       (unsigned int)frame->vector, (unsigned int)frame->eip,
	       (unsigned int)(frame->cs & 0xffff), (unsigned int)frame->error_code,
	       (unsigned int)vcpu_cr2());
	guest_shutdown(SHUTDOWN_crash);
}

void trap_dispatch(struct trap_frame *frame);

void trap_dispatch(struct trap_frame *frame)
{
	struct trap_record *record = catch_record;

	if (record) {
		catch_record = NULL;
		record_trap(frame, record);
		jump_to(&catch_jump, 1);
	}
	if (frame->vector < TRAP_EXCEPTIONS && handlers[frame->vector]) {
		handlers[frame->vector](frame);
		return;
	}
	if ((frame->cs & 3) == 3 && trap_user_fault) {
		trap_user_fault(frame);
	}
	unexpected_trap(frame);
}
