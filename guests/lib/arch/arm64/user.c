/*
 * user.c (arm64 guest): user.h on ARM64: EL0 by eret, back by `svc` or an exception, all
 * through the kernel's own VBAR_EL1 vectors (user_vectors.S), never the hypervisor.
 *
 * The boot mapping gives EL0 nothing, so the first user_run makes the image's text segment
 * (code and read-only data) readable and executable at EL0 as well as EL1 (read-only for
 * both), and a stack of its own writable at EL0, in one mmu_update batch: the program is
 * ordinary kernel code run at EL0, and the kernel's writable data stays out of its reach.
 * user_enter erets to user_start (user_vectors.S), which calls fn(arg) and passes its
 * result to the exit call. The vectors hand each exception to user_trap: system calls are
 * served here; an abort goes to user_fault_hook if the kernel set one (resume when it
 * says so), otherwise it ends the program with what it recorded. A kernel may put a
 * vector table of its own in front of the library's (user_vectors_set).
 */
#include "arm64/user_el0.h"
#include "lib.h"
#include "mmu.h"
#include "public/errno.h"
#include "user.h"

#define USER_STACK_SIZE 0x4000

/* user_vectors.S and guest.ld */
extern char user_start[];
extern char __text_segment_start[];
extern char __text_segment_end[];
long user_enter(uint64_t entry, uint64_t stack_top, long arg, long (*fn)(long));
uint64_t user_trap(struct user_frame *frame);

user_fault_fn user_fault_hook;
long user_exit_code;

static alignas(PAGE_SIZE) uint8_t user_stack[USER_STACK_SIZE];
static bool user_mapped;
static struct user_result *user_result;
static unsigned int syscall_count;
static const void *vector_table = user_vectors;

void user_vectors_set(const void *table)
{
	vector_table = table ? table : user_vectors;
}

static void queue_pages(const void *start, const void *end, unsigned int flags)
{
	for (uintptr_t va = (uintptr_t)start; va < (uintptr_t)end; va += PAGE_SIZE) {
		mmu_queue_entry(va, 1, pte_page(mmu_va_to_mfn((const void *)va), flags));
	}
}

/* Gives EL0 the text segment (read-only, executable) and the user stack (writable). */
static long user_map(void)
{
	long rc;

	if (user_mapped) {
		return 0;
	}
	queue_pages(__text_segment_start, __text_segment_end, PTE_USER);
	queue_pages(user_stack, user_stack + USER_STACK_SIZE, PTE_USER | PTE_WRITABLE);
	rc = mmu_flush();
	if (rc == 0) {
		rc = mmu_tlb_flush();
	}
	user_mapped = rc == 0;
	return rc;
}

/* Ends the program: the vectors return from user_enter with user_exit_code. */
static uint64_t program_over(long value)
{
	user_exit_code = value;
	return 1;
}

static uint64_t syscall_dispatch(struct user_frame *frame)
{
	syscall_count++;
	switch (frame->x[8]) {
	case USER_SYS_exit:
		return program_over((long)frame->x[0]);
	case USER_SYS_write:
		frame->x[0] = (uint64_t)HYPERVISOR_console_io(CONSOLEIO_write, frame->x[1],
							      (const void *)frame->x[0]);
		return 0;
	case USER_SYS_add:
		frame->x[0] = frame->x[0] + frame->x[1];
		return 0;
	case USER_SYS_count:
		frame->x[0] = syscall_count;
		return 0;
	default:
		frame->x[0] = (uint64_t)-ENOSYS;
		return 0;
	}
}

static uint64_t program_faulted(const struct user_frame *frame)
{
	user_result->faulted = true;
	user_result->vector = user_frame_class(frame);
	user_result->error_code = frame->esr;
	user_result->fault_address = frame->far;
	user_result->pc = frame->elr;
	return program_over(0);
}

uint64_t user_trap(struct user_frame *frame)
{
	unsigned int class = user_frame_class(frame);

	if (class == EC_SVC64) {
		return syscall_dispatch(frame);
	}
	if ((class == EC_DABT_LOWER || class == EC_IABT_LOWER) && user_fault_hook &&
	    user_fault_hook(frame)) {
		return 0;
	}
	return program_faulted(frame);
}

void user_run(long (*fn)(long), long arg, struct user_result *result)
{
	unsigned int calls_before = syscall_count;
	uint64_t saved_vbar;
	long rc = user_map();

	*result = (struct user_result){0};
	if (rc) {
		printf("user_run: cannot map the program for EL0 (%ld)\n", rc);
		result->faulted = true;
		result->error_code = (unsigned long)rc;
		return;
	}
	user_result = result;
	__asm__ volatile("mrs %0, vbar_el1" : "=r"(saved_vbar));
	__asm__ volatile("msr vbar_el1, %0\n\tisb" : : "r"(vector_table) : "memory");
	result->value =
	    user_enter((uint64_t)user_start, (uint64_t)(user_stack + USER_STACK_SIZE), arg, fn);
	__asm__ volatile("msr vbar_el1, %0\n\tisb" : : "r"(saved_vbar) : "memory");
	user_result = NULL;
	result->syscalls = syscall_count - calls_before;
}
