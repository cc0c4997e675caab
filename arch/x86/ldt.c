/*
 * ldt.c (x86): a guest's local descriptor table (mmuext_op MMUEXT_SET_LDT), and the rest
 * of core/include/arch/mmuext.h.
 *
 * The guest names its LDT by virtual address and entry count. Ringo finds the frames
 * behind those pages in the guest's current tables, checks every descriptor in them
 * (descriptor.c, the GDT's rules) and types them as segment-descriptor pages, so that no
 * writable mapping of them can exist while they are an LDT; then the running vCPU's LDT
 * is a copy of them in the trampoline (gdt.c), kept current by update_descriptor. Unlike
 * Xen, which maps LDT pages lazily on the first fault, the frames are taken when the LDT
 * is set: a later remapping of the virtual range does not change the LDT until the next
 * SET_LDT. Errors: more than 8192 entries, a base that is not page-aligned or a table
 * reaching the hole (Xen's rules), pages that are not mapped, not the guest's, writable
 * elsewhere or holding an invalid descriptor: -EINVAL; the old LDT then stays.
 */
#include "arch/mmuext.h"
#include "frame_table.h"
#include "plat/cpu.h"
#include "plat/cpu_state.h"
#include "plat/layout.h"
#include "plat/traps.h"
#include "public/errno.h"
#include "public/xen.h"

#define DESCRIPTOR_SIZE 8

static unsigned int frames_for(unsigned int entries)
{
	return (entries + X86_DESCRIPTORS_PER_FRAME - 1) / X86_DESCRIPTORS_PER_FRAME;
}

static void frames_put(const mfn_t *frames, unsigned int count)
{
	for (unsigned int i = 0; i < count; i++) {
		frame_put_typed(frames[i]);
	}
}

/* Takes the frames behind [base, base + entries * 8); nothing held on failure. */
static int ldt_frames_get(struct vcpu *v, unsigned long base, unsigned int entries, mfn_t *frames)
{
	unsigned int count = frames_for(entries);

	for (unsigned int i = 0; i < count; i++) {
		if (!x86_guest_frame_of(v, base + i * PAGE_SIZE, &frames[i]) ||
		    seg_desc_frame_get(v->domain, frames[i])) {
			frames_put(frames, i);
			return -EINVAL;
		}
	}
	return 0;
}

void ldt_release(struct vcpu *v)
{
	frames_put(v->arch.ldt_frames, frames_for(v->arch.ldt_entries));
	v->arch.ldt_entries = 0;
}

int arch_mmuext_set_ldt(struct vcpu *v, unsigned long linear_addr, unsigned int nr_ents)
{
	uint64_t end = (uint64_t)linear_addr + (uint64_t)nr_ents * DESCRIPTOR_SIZE;
	mfn_t frames[X86_LDT_FRAMES];

	if (nr_ents > X86_LDT_ENTRIES || linear_addr % PAGE_SIZE ||
	    end > HYPERVISOR_VIRT_START_X86) {
		return -EINVAL;
	}
	if (ldt_frames_get(v, linear_addr, nr_ents, frames)) {
		return -EINVAL;
	}
	ldt_release(v);
	for (unsigned int i = 0; i < frames_for(nr_ents); i++) {
		v->arch.ldt_frames[i] = frames[i];
	}
	v->arch.ldt_entries = nr_ents;
	cpu_state_ldt_changed(v);
	return 0;
}

int arch_mmuext_flush_cache(struct vcpu *v)
{
	(void)v;
	x86_wbinvd();
	return 0;
}
