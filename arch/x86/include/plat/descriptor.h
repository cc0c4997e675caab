/*
 * plat/descriptor.h (x86): which selectors and segment descriptors a guest may use.
 *
 * Pure functions (descriptor.c), so that host tests can call them. A guest's code and
 * stack selectors must name ring 1 and either its own GDT entries or Ringo's flat ring-1
 * segments; never the hypervisor's ring-0 ones, never the LDT. A guest descriptor
 * (set_gdt, update_descriptor) is refused when present with DPL 0, when a segment reaches
 * HYPERVISOR_VIRT_START or wraps, when a call gate leads into ring 0 or into the hole, and
 * for every system descriptor but a 32-bit call gate.
 */
#ifndef RINGO_PLAT_DESCRIPTOR_H
#define RINGO_PLAT_DESCRIPTOR_H

#include "types.h"

/* A ring-1 code selector for a handler: trap table, callbacks, iret to ring 1. */
bool x86_selector_is_kernel_code(uint32_t selector);

/* A ring-1 stack selector (stack_switch). */
bool x86_selector_is_kernel_stack(uint32_t selector);

/* A selector a guest may hand to the CPU at all (its GDT, its LDT, Ringo's flat ones). */
bool x86_selector_is_guest(uint32_t selector);

/* 0, or -EINVAL for a descriptor a guest may not install. */
int x86_descriptor_check(uint64_t descriptor);

#endif
