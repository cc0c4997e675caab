/*
 * trap_x86.h: what the trap_x86 test files share.
 */
#ifndef TRAP_X86_H
#define TRAP_X86_H

#include "test.h"
#include "x86/hypercalls.h"
#include "x86/traps.h"

/* helpers.S */
long iret_try(uint32_t eax, uint32_t eip, uint32_t cs, uint32_t eflags, uint32_t esp, uint32_t ss);
void ud2_on_stack(uint32_t esp);
void do_int3(void);
void do_int40(void);
void do_int41(void);
void prefix_nop(void);
uint32_t load_ds(uint32_t selector);
void tf_step_cr0(void);
extern char tf_step_next[];
extern char iret_landing[], ud2_on_stack_site[], int3_next[], int40_next[], int41_site[];
extern char prefix_nop_site[], failsafe_entry[];

/* Addresses no hypercall may name: the hypervisor's, and nothing at all. */
#define HYPERVISOR_VA 0xF6900000UL
#define UNMAPPED_VA 0x00001000UL

#define EFLAGS_IF 0x200
#define EFLAGS_RESERVED 0x2

/* The event mask of vCPU 0 (shared_info mapped by the library). */
uint8_t *event_mask(void);

/* What failsafe_entry (helpers.S) saw, after which it jumps to failsafe_jump. */
extern struct jump_buffer failsafe_jump;
extern uint32_t failsafe_frame[9];
extern uint32_t failsafe_esp;
noreturn void failsafe_seen(uint32_t *frame);

#endif
