/*
 * cpu_state.c (x86): loading a vCPU's share of the IDT, GDT and TSS.
 *
 * The CPU has one IDT, one GDT and one TSS, in the trampoline so that a guest's page
 * tables reach them. Three things in them are the running vCPU's, and are rewritten
 * (through the hypervisor's own mapping) when another vCPU enters, or at once when the
 * running one changes them by hypercall:
 *
 *  - IDT vector 0x80: a trap gate straight into the guest kernel when its trap table has
 *    a handler for 0x80 that does not mask events (Xen's rule: the CPU cannot mask events
 *    on the way in), else the hypervisor's own gate, which bounces it in software;
 *  - TSS ss1:esp1: the vCPU's stack_switch stack, where the CPU puts the frame of that
 *    direct gate (and of a call gate) taken from ring 3;
 *  - GDT entries 0..7167: the descriptors of the vCPU's set_gdt frames, all validated;
 *  - the LDT (gdt.c's copy and LDTR): the descriptors of its SET_LDT frames.
 *
 * The loaded vCPU's registers live in x86_guest_frame, at the top of the entry stack,
 * where the CPU and the entry stubs put them at every trap; v->arch.regs points there.
 * When another vCPU enters, the outgoing one's registers go back to its own copy and the
 * incoming one's into the frame: a copy per switch instead of two per trap. The syscall
 * gate and an empty LDT are written only when they change: most switches keep both.
 */
#include "frame_alloc.h"
#include "plat/cpu_state.h"
#include "plat/traps.h"

struct vcpu *cpu_state_loaded;
static unsigned int loaded_gdt_entries;

_Static_assert(sizeof(struct x86_regs) % sizeof(uint32_t) == 0, "the frame is whole words");

/*
 * A frame's copy as one movsl per word, unrolled: one instruction a word, where a loop
 * takes five and a rep prefix adds the count's set-up and its per-iteration test.
 */
static void regs_copy(struct x86_regs *to, const struct x86_regs *from)
{
	__asm__ volatile(".rept %c2\n\tmovsl\n\t.endr"
			 : "+D"(to), "+S"(from)
			 : "i"(sizeof(*to) / sizeof(uint32_t))
			 : "memory");
}

/* The outgoing vCPU's registers to its own copy, v's into the frame. */
static void load_registers(struct vcpu *v)
{
	if (cpu_state_loaded) {
		regs_copy(&cpu_state_loaded->arch.saved_regs, &x86_guest_frame);
		cpu_state_loaded->arch.regs = &cpu_state_loaded->arch.saved_regs;
	}
	regs_copy(&x86_guest_frame, &v->arch.saved_regs);
	v->arch.regs = &x86_guest_frame;
}

/*
 * The syscall vector's gate v's trap table asks for, as one word to compare: eip, cs and
 * DPL of a direct gate, or 0 for the hypervisor's own. Kept in v->arch.syscall_gate, so a
 * switch compares two words.
 */
static uint64_t syscall_gate_of(const struct vcpu *v)
{
	const struct x86_trap_entry *entry = &v->arch.traps[X86_SYSCALL_VECTOR];

	if (!entry->eip || (entry->flags & TI_MASK_EVENTS)) {
		return 0;
	}
	return (uint64_t)entry->eip << 32 | (uint32_t)entry->cs << 16 |
	       (entry->flags & TI_DPL_MASK);
}

static uint64_t loaded_syscall_gate = UINT64_MAX; /* what the IDT holds; UINT64_MAX: unknown */

static void write_syscall_gate(uint64_t gate)
{
	if (gate) {
		idt_set_guest_gate(X86_SYSCALL_VECTOR, (uint16_t)(gate >> 16),
				   (uint32_t)(gate >> 32), gate & TI_DPL_MASK);
	} else {
		idt_set_hypervisor_gate(X86_SYSCALL_VECTOR);
	}
	loaded_syscall_gate = gate;
}

/* The syscall vector's gate, written only when it changes (a switch mostly keeps it). */
static inline void set_syscall_gate(uint64_t gate)
{
	if (gate != loaded_syscall_gate) {
		write_syscall_gate(gate);
	}
}

static uint64_t descriptor_in(const mfn_t *frames, unsigned int index)
{
	const uint64_t *frame = frame_map(frames[index / X86_DESCRIPTORS_PER_FRAME]);

	return frame[index % X86_DESCRIPTORS_PER_FRAME];
}

static uint64_t guest_descriptor(const struct vcpu *v, unsigned int index)
{
	return descriptor_in(v->arch.gdt_frames, index);
}

/* Zeros the guest entries from first up to what the hardware held. */
static void clear_gdt_from(unsigned int first)
{
	for (unsigned int i = first; i < loaded_gdt_entries; i++) {
		gdt_set_guest_entry(i, 0);
	}
	loaded_gdt_entries = first;
}

/* Entries [0, count) from v's GDT, and zeros past them up to what was there before. */
static void load_gdt(const struct vcpu *v)
{
	unsigned int count = v->arch.gdt_entries;

	if (count == 0 && loaded_gdt_entries == 0) {
		return; /* neither has a GDT of its own: nothing to write */
	}
	clear_gdt_from(count);
	for (unsigned int i = 0; i < count; i++) {
		gdt_set_guest_entry(i, guest_descriptor(v, i));
	}
	loaded_gdt_entries = count;
}

static bool ldt_none_loaded; /* LDTR holds no LDT */

/* The LDT register for `entries` (0: none), loaded only when it changes to or from none. */
static void ldt_set_loaded(unsigned int entries)
{
	bool none_loaded = ldt_none_loaded;

	if (entries == 0 && none_loaded) {
		return;
	}
	ldt_load(entries);
	ldt_none_loaded = entries == 0;
}

/* The LDT: a copy of v's validated LDT frames, or none. */
static void load_ldt(const struct vcpu *v)
{
	for (unsigned int i = 0; i < v->arch.ldt_entries; i++) {
		ldt_set_entry(i, descriptor_in(v->arch.ldt_frames, i));
	}
	ldt_set_loaded(v->arch.ldt_entries);
}

HOT_CALL void cpu_state_switch(struct vcpu *v)
{
	load_registers(v);
	cpu_state_loaded = v;
	set_syscall_gate(v->arch.syscall_gate);
	tss_set_ring1_stack(v->arch.kernel_ss, v->arch.kernel_sp);
	/* Most switches are between vCPUs with neither a GDT nor an LDT of their own. */
	if (v->arch.gdt_entries || loaded_gdt_entries) {
		load_gdt(v);
	}
	if (v->arch.ldt_entries || !ldt_none_loaded) {
		load_ldt(v);
	}
}

void cpu_state_forget(struct vcpu *v)
{
	fpu_forget(v);
	if (cpu_state_loaded != v) {
		return;
	}
	v->arch.saved_regs = x86_guest_frame;
	v->arch.regs = &v->arch.saved_regs;
	set_syscall_gate(0);
	tss_set_ring1_stack(0, 0);
	clear_gdt_from(0);
	ldt_set_loaded(0);
	cpu_state_loaded = NULL;
}

void cpu_state_trap_table_changed(struct vcpu *v)
{
	v->arch.syscall_gate = syscall_gate_of(v);
	if (cpu_state_loaded == v) {
		set_syscall_gate(v->arch.syscall_gate);
	}
}

void cpu_state_stack_changed(struct vcpu *v)
{
	if (cpu_state_loaded == v) {
		tss_set_ring1_stack(v->arch.kernel_ss, v->arch.kernel_sp);
	}
}

/*
 * The loaded vCPU's descriptors changed: the way back to it reloads every segment register
 * (x86_full_exit), as 32-bit Xen does on every exit, so that a selector whose descriptor
 * went away faults into the failsafe callback then. The quick way back from a hypercall
 * reloads only ds and es (entry.S).
 */
static void descriptors_changed(void)
{
	x86_full_exit = true;
}

void cpu_state_gdt_changed(struct vcpu *v)
{
	if (cpu_state_loaded == v) {
		load_gdt(v);
		descriptors_changed();
	}
}

void cpu_state_gdt_entry_changed(struct vcpu *v, unsigned int index)
{
	if (cpu_state_loaded == v && index < v->arch.gdt_entries) {
		gdt_set_guest_entry(index, guest_descriptor(v, index));
		descriptors_changed();
	}
}

void cpu_state_ldt_changed(struct vcpu *v)
{
	if (cpu_state_loaded == v) {
		load_ldt(v);
		descriptors_changed();
	}
}

void cpu_state_ldt_entry_changed(struct vcpu *v, unsigned int index)
{
	if (cpu_state_loaded == v && index < v->arch.ldt_entries) {
		ldt_set_entry(index, descriptor_in(v->arch.ldt_frames, index));
		descriptors_changed();
	}
}
