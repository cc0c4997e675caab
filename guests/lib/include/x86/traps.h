/*
 * x86/traps.h (x86 guest): the guest kernel's own exception handling.
 *
 * traps_init() gives the hypervisor a trap table for every exception (vectors 0-31, #BP
 * and #OF callable from ring 3) and for the system-call vector 0x80 (a DPL-3 entry that
 * does not mask events, so the hypervisor installs it as the direct gate), and names a
 * ring-1 stack for traps from ring 3 (stack_switch). Each exception arrives as a struct
 * trap_frame: the registers at the trap (pushed by the entry stub), then the bounce frame
 * the hypervisor wrote (ABI.md section 5). A handler may change the frame; returning from
 * it resumes there through the iret hypercall. Without a handler, the trap ends the test
 * (or the user program, user.h), or the domain crashes itself with a message.
 *
 * trap_catch runs a function and reports the first exception it takes, abandoning it:
 * the tool of the fault tests.
 */
#ifndef GUEST_X86_TRAPS_H
#define GUEST_X86_TRAPS_H

#include "guest.h"
#include "public/arch_x86.h"
#include "x86/jump.h"

#define TRAP_DE 0
#define TRAP_DB 1
#define TRAP_BP 3
#define TRAP_OF 4
#define TRAP_UD 6
#define TRAP_NM 7
#define TRAP_NP 11
#define TRAP_SS 12
#define TRAP_GP 13
#define TRAP_PF 14
#define TRAP_EXCEPTIONS 32
#define TRAP_SYSCALL 0x80

/* #PF error code bits. */
#define PF_PRESENT 0x1
#define PF_WRITE 0x2
#define PF_USER 0x4

struct trap_frame {
	uint32_t es, ds;
	uint32_t edi, esi, ebp, esp_at_pusha, ebx, edx, ecx, eax; /* pusha's order */
	uint32_t vector;
	uint32_t error_code; /* 0 for vectors without one */
	uint32_t eip;
	uint32_t cs; /* bits 16-23: the event mask when the trap came */
	uint32_t eflags;
	uint32_t esp; /* esp and ss: only when the trap came from ring 3 */
	uint32_t ss;
};

typedef void (*trap_handler_t)(struct trap_frame *frame);

/* Installs the trap table and the ring-1 stack (idempotent). */
void traps_init(void);

/* The trap table traps_init installs: entries for 0-31 and 0x80, then the terminator. */
extern struct trap_info traps_table[];

/* Handles vector (< 32) in the guest; NULL restores the default. */
void trap_set_handler(unsigned int vector, trap_handler_t handler);

/*
 * Points the trap table's entry for vector (an exception, or TRAP_SYSCALL) at address, an
 * entry point of the caller's that takes the bounce frame itself; 0 restores the library's
 * own entry. Returns set_trap_table's result (-EINVAL for a vector not in the table).
 */
long trap_set_entry(unsigned int vector, unsigned long address);

/* The entry stub of an exception vector, and the system-call entry. */
unsigned long trap_stub_address(unsigned int vector);
extern char trap_syscall_entry[];

/* What trap_catch saw. */
struct trap_record {
	uint32_t vector;
	uint32_t error_code;
	uint32_t eip;
	uint32_t cs;
	uint32_t eflags;
	uint32_t esp;	     /* the frame's ESP (from ring 3) or the stack the frame was on */
	uint32_t cr2;	     /* vcpu_info.arch.cr2 at the trap */
	uint32_t saved_mask; /* the event mask the frame's CS slot carried */
};

/* Runs fn(arg); true when it took an exception (recorded), false when it returned. */
bool trap_catch(void (*fn)(void *), void *arg, struct trap_record *record);

/* The top of the ring-1 stack for traps from ring 3 (traps_init's stack_switch). */
unsigned long trap_kernel_stack_top(void);

/* Called for a trap from ring 3 when no handler is installed (user.c). */
extern void (*trap_user_fault)(struct trap_frame *frame);

/* Where ring 3's stack is (user.c): in user space once user_run has mapped it there. */
unsigned long user_stack_address(void);

/* Called for `int $0x80` (user.c). */
void syscall_dispatch(struct trap_frame *frame);

/* Returns to the frame through the iret hypercall (what the stubs do after a handler). */
noreturn void trap_return(struct trap_frame *frame);

#endif
