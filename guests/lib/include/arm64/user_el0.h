/*
 * arm64/user_el0.h (arm64 guest): what the EL1 kernel sees of an EL0 program (user.h).
 *
 * On ARM64, user_run's program runs at EL0 and every exception it takes goes straight to
 * the kernel's own VBAR_EL1 vectors (guests/lib/arch/arm64/user_vectors.S), never through
 * the hypervisor: an `svc` (number in x8, arguments x0-x2, result in x0) is served by the
 * kernel, and an abort is a page fault the kernel may serve too. By default a fault ends
 * the program (user_result records it); a kernel that sets user_fault_hook sees the fault
 * first and may fix it and resume the program, as a kernel serving demand paging does.
 */
#ifndef GUEST_ARM64_USER_EL0_H
#define GUEST_ARM64_USER_EL0_H

#include "types.h"

/* ESR_EL1 exception classes of what an EL0 program can raise. */
#define EC_UNKNOWN 0x00
#define EC_SVC64 0x15
#define EC_IABT_LOWER 0x20
#define EC_PC_ALIGNMENT 0x22
#define EC_DABT_LOWER 0x24
#define ESR_EC_SHIFT 26
#define ESR_DFSC_MASK 0x3fUL
#define ESR_WNR (1UL << 6)
#define DFSC_IS_TRANSLATION(dfsc) (((dfsc)&0x3c) == 0x04)
#define DFSC_IS_PERMISSION(dfsc) (((dfsc)&0x3c) == 0x0c)

/* The program's registers as its exception left them; a handler may change them. */
struct user_frame {
	uint64_t x[31];
	uint64_t sp;   /* SP_EL0 */
	uint64_t elr;  /* where the program resumes */
	uint64_t spsr; /* its PSTATE */
	uint64_t esr;  /* why it stopped */
	uint64_t far;  /* the faulting address, for aborts */
};

static inline unsigned int user_frame_class(const struct user_frame *frame)
{
	return (unsigned int)((frame->esr >> ESR_EC_SHIFT) & 0x3f);
}

/*
 * Called for every abort (EC_DABT_LOWER, EC_IABT_LOWER) of the running program: true
 * resumes it at frame->elr (the handler mapped the page, or moved elr past the access),
 * false ends it as a fault. NULL: every fault ends the program.
 */
typedef bool (*user_fault_fn)(struct user_frame *frame);
extern user_fault_fn user_fault_hook;

/*
 * The library's vector table for EL0 programs (user_vectors.S), and the one user_run
 * installs: the library's unless a kernel with fast paths of its own (the benchmarks)
 * named another with user_vectors_set; NULL goes back to the library's. Such a table
 * serves what it wants in place and branches to user_vectors + the same offset for the
 * rest (the exit call, faults it does not expect), which the library then handles.
 */
extern char user_vectors[];
void user_vectors_set(const void *table);

#endif
