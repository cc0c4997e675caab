/*
 * plat/cpu_state.h (x86): the parts of a vCPU's virtual CPU that live in the hardware.
 *
 * One physical CPU serves every vCPU, and the IDT, GDT and TSS are the trampoline's
 * (shared with every guest, read-only to them). What is per vCPU in them is loaded when a
 * vCPU enters after another one ran, and rewritten at once when the running vCPU changes
 * it by hypercall: the vector 0x80 gate (idt.c), the TSS's ring-1 stack and the guest
 * half of the GDT (gdt.c), and CR0.TS (fpu.c).
 */
#ifndef RINGO_PLAT_CPU_STATE_H
#define RINGO_PLAT_CPU_STATE_H

#include "domain.h"

/* gdt.c: the CPU's one TSS (in the trampoline), and the GDT and LDT. */
struct tss32 {
	uint32_t link;
	uint32_t esp0;
	uint32_t ss0;
	uint32_t esp1;
	uint32_t ss1;
	uint32_t esp2;
	uint32_t ss2;
	uint32_t unused[18]; /* cr3 .. ldt: no hardware task switching */
	uint16_t trap;
	uint16_t iomap_base;
} __attribute__((packed));

_Static_assert(sizeof(struct tss32) == 104, "32-bit TSS layout");

extern struct tss32 x86_tss;

/* The ring-1 stack the CPU switches to from ring 3 (inline: a switch rewrites it). */
static inline void tss_set_ring1_stack(uint32_t ss, uint32_t esp)
{
	x86_tss.ss1 = ss;
	x86_tss.esp1 = esp;
}

void gdt_set_guest_entry(unsigned int index, uint64_t descriptor);
void ldt_set_entry(unsigned int index, uint64_t descriptor);
/* Loads LDTR with the hardware LDT's first `entries` descriptors (0: no LDT). */
void ldt_load(unsigned int entries);

/* idt.c: a vector's gate to the hypervisor's stub, or a trap gate into a guest's ring 1. */
void idt_set_hypervisor_gate(unsigned int vector);
void idt_set_guest_gate(unsigned int vector, uint16_t cs, uint32_t eip, unsigned int dpl);

/* fpu.c: lazy x87 state and the virtual CR0.TS. */
extern struct vcpu *fpu_owner;	/* whose x87 state the FPU holds */
extern uint8_t fpu_hardware_ts; /* CR0.TS as last written: 0, 1, or 2 when unknown */
HOT_CALL void fpu_write_hardware_ts(uint8_t on);

/* CR0.TS set (on) or clear, written only when it changes (a switch mostly keeps it). */
static inline void fpu_set_hardware_ts(uint8_t on)
{
	if (on != fpu_hardware_ts) {
		fpu_write_hardware_ts(on);
	}
}

/* CR0.TS for v, about to enter: set unless v owns the FPU and has no virtual TS. */
static inline void fpu_enter(struct vcpu *v)
{
	fpu_set_hardware_ts(v->arch.cr0_ts || fpu_owner != v);
}

/* cpu_state.c: the vCPU whose state the CPU holds (its registers at x86_guest_frame). */
extern struct vcpu *cpu_state_loaded;
/* What cpu_state_enter does when v is not the loaded vCPU: everything but CR0.TS. */
HOT_CALL void cpu_state_switch(struct vcpu *v);

/* Loads v's share of the CPU, as it enters (inline: a vCPU re-entering pays a compare). */
static inline void cpu_state_enter(struct vcpu *v)
{
	if (cpu_state_loaded != v) {
		cpu_state_switch(v);
	}
	fpu_enter(v);
}
void cpu_state_forget(struct vcpu *v);
void cpu_state_trap_table_changed(struct vcpu *v);
void cpu_state_stack_changed(struct vcpu *v);
/* v's GDT frames or entry count changed (set_gdt): its whole guest half reloads. */
void cpu_state_gdt_changed(struct vcpu *v);
/* One descriptor of v's GDT changed (update_descriptor). */
void cpu_state_gdt_entry_changed(struct vcpu *v, unsigned int index);
/* v's LDT changed (SET_LDT): the hardware LDT reloads. */
void cpu_state_ldt_changed(struct vcpu *v);
void cpu_state_ldt_entry_changed(struct vcpu *v, unsigned int index);

/* gdt_ops.c: drops v's GDT and LDT frames (vCPU teardown). */
void gdt_release(struct vcpu *v);
void ldt_release(struct vcpu *v);

/* gdt_ops.c: a segment-descriptor type reference on frame, all its descriptors checked. */
int seg_desc_frame_get(struct domain *d, mfn_t frame);

/*
 * vcpu.c: true when the next return to the guest must be a full entry (arch_vcpu_run),
 * because its page-table base, its top-level table or its virtual CR0.TS may have changed,
 * or its fs and gs, which only a full entry loads (a failsafe bounce cleared them, or a
 * descriptor they may name changed).
 */
extern bool x86_full_exit;

/* fpu.c */
void fpu_forget(struct vcpu *v);
/* Sets v's virtual CR0.TS; the hardware follows when v next enters. */
void fpu_set_virtual_ts(struct vcpu *v, bool on);
/* #NM from v: true when it was v's lazy FPU restore; false when v must see the #NM. */
bool fpu_device_not_available(struct vcpu *v);

#endif
