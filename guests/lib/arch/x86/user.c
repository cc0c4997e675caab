/*
 * user.c (x86 guest): user.h on x86: ring 3 through the iret hypercall, back through
 * `int $0x80` or an exception.
 *
 * The first user_run maps ring 3's stack in user space (USER_STACK_VA, a fresh L1 built
 * with the PV MMU layer). user_run records where to come back (jump_save), builds an iret
 * frame for ring 3 (FLAT_RING3_CS/SS, IF set so events stay unmasked, the user stack
 * holding fn and arg) and leaves through the iret hypercall. The kernel side is syscall_dispatch,
 * entered by the CPU through the direct 0x80 gate: it serves the call and returns with a native
 * iret, or, for exit, jumps back into user_run. An exception from ring 3 that no handler
 * claims ends the program the same way (trap_user_fault), with its vector, error code,
 * address and the fault address from vcpu_info.arch.cr2.
 */
#include "lib.h"
#include "mmu.h"
#include "user.h"
#include "x86/hypercalls.h"
#include "x86/traps.h"

#define USER_STACK_SIZE 0x4000
#define USER_STACK_PAGES (USER_STACK_SIZE / PAGE_SIZE)
/* Where ring 3 sees its stack: user space, below the kernel, in a page table of its own. */
#define USER_STACK_VA 0x08000000UL
#define EFLAGS_IF 0x200
#define EFLAGS_RESERVED 0x2

struct user_iret {
	uint32_t eax_slot; /* where the hypercall page's slot pushes EAX */
	uint32_t eip, cs, eflags, esp, ss;
};

noreturn void user_enter(struct user_iret *frame);
extern char user_start[];

static alignas(PAGE_SIZE) uint8_t user_stack[USER_STACK_SIZE];
static alignas(PAGE_SIZE) uint64_t user_l1[512];
static unsigned long user_stack_base; /* the stack's address in ring 3 */
static struct user_iret user_frame;
static struct jump_buffer user_exit;
static struct user_result *user_result;
static unsigned int syscall_count;

static noreturn void user_finish(void)
{
	jump_to(&user_exit, 1);
}

static void user_fault(struct trap_frame *frame)
{
	struct shared_info *shared = guest_shared_info();

	user_result->faulted = true;
	user_result->vector = frame->vector;
	user_result->error_code = frame->error_code;
	user_result->pc = frame->eip;
	if (frame->vector == TRAP_PF && shared) {
		user_result->fault_address = shared->vcpu_info[0].arch.cr2;
	}
	user_finish();
}

void syscall_dispatch(struct trap_frame *frame)
{
	syscall_count++;
	switch (frame->eax) {
	case USER_SYS_exit:
		if (user_result) {
			user_result->value = (long)frame->ebx;
			user_finish();
		}
		frame->eax = (uint32_t)-ENOSYS;
		break;
	case USER_SYS_write:
		frame->eax = (uint32_t)HYPERVISOR_console_io(CONSOLEIO_write, frame->ecx,
							     (const void *)frame->ebx);
		break;
	case USER_SYS_add:
		frame->eax = frame->ebx + frame->ecx;
		break;
	case USER_SYS_count:
		frame->eax = syscall_count;
		break;
	default:
		frame->eax = (uint32_t)-ENOSYS;
		break;
	}
}

/*
 * Maps the user stack a second time at USER_STACK_VA, user-accessible, through a new L1
 * hooked into the empty L2 slot there: one batch of queued updates (the PV MMU's way).
 * Without that slot, ring 3 uses the stack where the image has it.
 */
static void user_space_build(void)
{
	uint64_t l2_entry = mmu_entry_maddr(USER_STACK_VA, 2);
	uint64_t l1_frame = mmu_va_to_mfn(user_l1);
	uint64_t pte;

	user_stack_base = (unsigned long)user_stack;
	if (!l2_entry || !mmu_entry_read(USER_STACK_VA, 2, &pte) || pte_present(pte, 2) ||
	    mmu_set_writable(user_l1, false) || mmu_pin(l1_frame, 1)) {
		return;
	}
	mmu_queue(l2_entry, pte_table(l1_frame, 2));
	for (unsigned int i = 0; i < USER_STACK_PAGES; i++) {
		mmu_queue(
		    l1_frame * PAGE_SIZE + (pt_index(USER_STACK_VA, 1) + i) * sizeof(uint64_t),
		    pte_page(mmu_va_to_mfn(user_stack + i * PAGE_SIZE), PTE_WRITABLE | PTE_USER));
	}
	if (mmu_flush() == 0) {
		user_stack_base = USER_STACK_VA;
	}
}

unsigned long user_stack_address(void)
{
	return user_stack_base;
}

static void frame_build(long (*fn)(long), long arg)
{
	/* Written through the kernel's view of the stack, used by ring 3 through its own. */
	uint32_t *sp = (uint32_t *)(user_stack + USER_STACK_SIZE);

	*--sp = (uint32_t)arg;
	*--sp = (uint32_t)(uintptr_t)fn;
	user_frame = (struct user_iret){
	    .eip = (uint32_t)(uintptr_t)user_start,
	    .cs = FLAT_RING3_CS,
	    .eflags = EFLAGS_IF | EFLAGS_RESERVED,
	    .esp = (uint32_t)(user_stack_base + USER_STACK_SIZE - 2 * sizeof(uint32_t)),
	    .ss = FLAT_RING3_SS,
	};
}

void user_run(long (*fn)(long), long arg, struct user_result *result)
{
	unsigned int calls_before = syscall_count;

	traps_init();
	if (!user_stack_base) {
		user_space_build();
	}
	*result = (struct user_result){0};
	user_result = result;
	trap_user_fault = user_fault;
	if (jump_save(&user_exit) == 0) {
		frame_build(fn, arg);
		user_enter(&user_frame);
	}
	/* Back in ring 1, possibly with ring-3 data segments: take the kernel's again. */
	__asm__ volatile("mov %0, %%ds; mov %0, %%es" : : "r"(FLAT_RING1_DS));
	trap_user_fault = NULL;
	user_result = NULL;
	result->syscalls = syscall_count - calls_before;
}
