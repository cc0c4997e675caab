/*
 * plat/layout.h (x86): the hypervisor's virtual address map and its GDT selectors.
 *
 * Shared by C, assembly and the linker script, so it holds plain numbers only.
 *
 *   0x00000000 - 0xF57FFFFF  the current guest (its own page tables); in the hypervisor's
 *                            own tables, 0x40000000 - 0xBFFFFFFF is the RAM map instead
 *   0xF5800000 - 0xF67FFFFF  machine-to-phys table (reserved, ABI.md section 2)
 *   0xF6800000 - 0xFE7FFFFF  directmap of machine memory 0 - 128 MiB, 2 MiB pages; the
 *                            hypervisor image is linked inside it (loaded at 1 MiB)
 *   0xFE800000 - 0xFFFFFFFF  free
 *
 * The RAM map (paging.c) maps machine memory from 0 up to the end of RAM (at most 2 GiB),
 * in 2 MiB pages, at X86_RAM_MAP_START + machine address: it is how the hypervisor reaches
 * every frame (arch_mm_maddr_to_virt). The directmap above stays for the image, linked
 * there, and the boot code. Only the hypervisor's tables hold the RAM map: guests' tables
 * have their own memory at those addresses, and the hypervisor never runs on them.
 *
 * Two views of the range from 0xF5800000 (paging.c). The hypervisor runs on its own page tables,
 * which map all of the above and nothing of any guest. A guest's tables map, of the hypervisor,
 * only the trampoline: the pages the CPU and the entry code touch before the switch to
 * the hypervisor's tables (entry code, IDT, GDT, TSS read-only; one entry-stack page),
 * at their usual addresses. Segment limits also keep rings 1 and 3 below 0xF5800000, as
 * on 32-bit Xen, but QEMU's TCG does not check segment limits, so paging is what holds.
 */
#ifndef RINGO_PLAT_LAYOUT_H
#define RINGO_PLAT_LAYOUT_H

#define X86_HYPERVISOR_START 0xF5800000
#define X86_M2P_START 0xF5800000
#define X86_M2P_END 0xF6800000
#define X86_DIRECTMAP_START 0xF6800000
#define X86_DIRECTMAP_SIZE 0x08000000
#define X86_IMAGE_PHYS 0x00100000
#define X86_IMAGE_VIRT (X86_DIRECTMAP_START + X86_IMAGE_PHYS)
#define X86_RAM_MAP_START 0x40000000 /* L3 slots 1 and 2 of the hypervisor's tables */
#define X86_RAM_MAP_SIZE 0x80000000

/* The hypervisor stack (one CPU), in hypervisor-only memory. */
#define X86_STACK_SIZE 0x4000
/* The entry stack (in the trampoline): only the CPU's frame and the registers go there. */
#define X86_ENTRY_STACK_SIZE 0x1000

/* Selectors of the hypervisor's reserved GDT entries (7168 onward, ABI.md section 2). */
#define X86_GDT_ENTRIES 8192
#define X86_HV_CS 0xe008
#define X86_HV_DS 0xe010
#define X86_RING1_CS 0xe019
#define X86_RING1_DS 0xe021
#define X86_RING3_CS 0xe02b
#define X86_RING3_DS 0xe033
#define X86_TSS_SEL 0xe038
#define X86_LDT_SEL 0xe040 /* the running vCPU's LDT (mmuext SET_LDT) */
#define X86_HV_GS 0xe048   /* the stack-protector canary's segment (stack_protector.c) */
#define X86_LDT_ENTRIES 8192

/* The hypercall vector (gate DPL 1, ABI.md section 1). */
#define X86_HYPERCALL_VECTOR 0x82

/* Sections of the trampoline (ringo.ld gathers them into page-aligned runs). */
#define X86_TRAMPOLINE_TEXT ".trampoline.text"
#define X86_TRAMPOLINE_DATA ".trampoline.data"
#define X86_TRAMPOLINE_STACK ".trampoline.stack"

#endif
