/*
 * plat/traps.h (x86): trap entry and exit, and what the trap handlers share.
 */
#ifndef RINGO_PLAT_TRAPS_H
#define RINGO_PLAT_TRAPS_H

#include "domain.h"
#include "plat/regs.h"

#define X86_VECTOR_DE 0
#define X86_VECTOR_DB 1
#define X86_VECTOR_NMI 2
#define X86_VECTOR_BP 3
#define X86_VECTOR_UD 6
#define X86_VECTOR_NM 7
#define X86_VECTOR_DF 8
#define X86_VECTOR_GP 13
#define X86_VECTOR_PF 14
#define X86_EXCEPTION_VECTORS 32
#define X86_SYSCALL_VECTOR 0x80
#define X86_INSN_MAX 15

/*
 * Called by the entry stubs (entry.S), on the hypervisor's tables, with the frame: a trap
 * from a guest (the frame is x86_guest_frame) returns the cr3 to go back to it with (or
 * does not return, when the way back is through the scheduler); a trap from ring 0
 * returns only when it is ignored.
 */
uint32_t x86_guest_trap(struct x86_regs *frame);

/*
 * A page fault from a guest (entry.S's own way for vector 14): records the address and
 * bounces it to the guest's handler, on the hypervisor's tables, with the frame
 * (x86_guest_frame). Returns the loaded vCPU; the way back (entry.S) makes x86_resume's
 * checks.
 */
struct vcpu *x86_guest_page_fault(struct x86_regs *frame);
void x86_hypervisor_trap(struct x86_regs *frame);

/*
 * The way back to the guest after a trap or hypercall of v's, the loaded vCPU: its cr3,
 * when v is still the one to run and nothing a full entry checks changed (x86_full_exit);
 * otherwise through the scheduler and arch_vcpu_run, not returning (hypercall.c).
 */
uint32_t x86_resume(struct vcpu *v);

/*
 * Loads the guest page tables cr3 and returns to the loaded vCPU from its registers at
 * x86_guest_frame (a frame including esp and ss), through the trampoline (entry.S).
 */
HOT_CALL noreturn void x86_enter_guest(uint32_t cr3); /* cr3 in eax */

/*
 * Where a trap from a guest puts its frame (the top of the entry stack), and so where the
 * registers of the vCPU loaded on the CPU live (cpu_state.c).
 */
extern struct x86_regs x86_guest_frame;

/* The instructions of the way out that load guest selectors and may fault (entry.S). */
extern const char x86_exit_segments[];
extern const char x86_exit_segments_end[];
extern const char x86_exit_iret[];

/*
 * The hypercall entry's reads of guest memory with the guest's tables loaded (entry.S's
 * peeks: the address of each, listed in section .x86_peeks), and where a fault of one
 * resumes: the same hypercall the table's way, which reports -EFAULT.
 */
extern const uint32_t x86_peeks_start[];
extern const uint32_t x86_peeks_end[];
extern const char x86_hypercall_table_call[];

/*
 * The way back from a hypercall when it takes more than the registers (x86_hypercall_entry
 * and x86_resume call it): through the scheduler and a full entry into the guest.
 */
noreturn void x86_hypercall_resume(void);

/*
 * Describes the instruction in code[0..len) if it is one a ring-1 guest may not execute
 * (e.g. "lgdt", "mov to %cr3", "int $0x80"); an empty string otherwise.
 */
void insn_describe_privileged(const uint8_t *code, size_t len, char *out, size_t out_size);

/* The #PF error code's bits. */
#define X86_PF_PRESENT 0x1
#define X86_PF_WRITE 0x2
#define X86_PF_USER 0x4

/*
 * ptwr.c: a write fault from ring 1 at va (present page, X86_PF_PRESENT | X86_PF_WRITE)
 * that writable page tables turn into a validated page-table update: true when it was
 * emulated (eip is past the instruction), false when the guest gets its #PF.
 */
bool x86_ptwr_fault(struct vcpu *v, uint32_t va);

/* Reads up to X86_INSN_MAX bytes at v's eip (as its kernel would); returns how many. */
size_t x86_fetch_insn(const struct vcpu *v, uint8_t *code);

/* The frame v's tables map at guest address va, as its kernel reads (guest_access.c). */
bool x86_guest_frame_of(const struct vcpu *v, uintptr_t va, mfn_t *frame);

/* Address of entry stub vector (entry.S), and the hypercall vector's own entry. */
extern const uint32_t x86_vector_stubs[256];
extern const char x86_hypercall_entry[];

/*
 * Bounces exception or interrupt `vector` to v's handler from its trap table (bounce.c):
 * a frame on the guest kernel's stack (ABI.md section 5), error_code included when not
 * NULL. Returns 0 when the guest was set to run its handler (or, when the frame could not
 * be written, its failsafe callback), -ENOENT when v has no handler for vector (nothing
 * changed), -EFAULT when not even the failsafe frame could be written and the domain was
 * crashed.
 */
int x86_bounce_trap(struct vcpu *v, unsigned int vector, const uint32_t *error_code);

/*
 * Enters v's event callback (CALLBACKTYPE_event) with a bounce frame as for an interrupt
 * without error code, and masks its events (bounce.c). 0 when done (or the failsafe was
 * entered instead because the frame could not be written); -ENOENT, nothing changed, when
 * v has no event callback; -EFAULT when the domain was crashed.
 */
int x86_bounce_event(struct vcpu *v);

/*
 * The way back into v faulted on a guest selector (entry.S's exit): sends v to its
 * failsafe callback with the selectors that failed, or crashes the domain when it has
 * none or the failsafe itself could not be delivered.
 */
void x86_bounce_failsafe(struct vcpu *v, const char *why);

/* The event-channel mask byte of v (shared_info), which the virtual EFLAGS.IF mirrors. */
uint8_t *x86_upcall_mask(struct vcpu *v);

/* #GP in ring 1 (or ring 3 with virtual IOPL 3): emulates what a PV kernel may do. */
bool x86_emulate_privileged(struct vcpu *v);

/* #UD: the forced-emulation prefix followed by cpuid (cpuid.c). */
bool x86_emulate_forced_cpuid(struct vcpu *v);

/* io.c: whether v's ring may use in/out (virtual IOPL), and whether d may touch port. */
bool io_iopl_allows(const struct vcpu *v);
bool io_port_permitted(const struct domain *d, uint32_t port, unsigned int size);

#endif
