/*
 * guest_arch.c (x86 guest): the x86 facts the portable tests use (guest.h).
 *
 * 0xF5800000 is HYPERVISOR_VIRT_START, the first address a guest may never name; page 1
 * is unmapped because the start-of-day mapping covers only VIRT_BASE (0xC0000000) up.
 */
#include "guest.h"

const unsigned long guest_arch_hypervisor_va = HYPERVISOR_VIRT_START_X86;
const unsigned long guest_arch_unmapped_va = 0x00001000UL;
const char guest_arch_name[] = "x86";
