/*
 * gdt_ops.c (x86): set_gdt (2) and update_descriptor (10).
 *
 * A guest's GDT lives in frames of its own (machine frames named in set_gdt, up to 14 of
 * them for entries 0..7167), which Ringo types as segment-descriptor pages
 * (FRAME_SEG_DESC in the core's frame table): while one is in use as a GDT no writable
 * mapping of it can exist, so its descriptors change only through update_descriptor,
 * which validates each one. A frame is validated whole (all 512 descriptors,
 * descriptor.c) before it is typed; the LDT's frames are taken the same way (ldt.c). The
 * hardware GDT and LDT hold a copy of the running vCPU's descriptors (cpu_state.c): the
 * CPU reads them through the trampoline, which the guest's frames are not part of.
 *
 * Errors follow Xen: more than 7168 entries, a frame that is not the domain's or that
 * is typed otherwise (a page table, a writable mapping), an invalid descriptor or a
 * misaligned descriptor address are -EINVAL; an unreadable frame list is -EFAULT. A
 * failing set_gdt leaves the old GDT in place.
 */
#include "domain.h"
#include "frame_alloc.h"
#include "frame_table.h"
#include "guest_access.h"
#include "hypercall.h"
#include "plat/cpu_state.h"
#include "plat/descriptor.h"
#include "public/errno.h"
#include "public/xen.h"

#define DESCRIPTOR_SIZE 8

static int frame_descriptors_check(mfn_t frame)
{
	const uint64_t *descriptors = frame_map(frame);

	for (unsigned int i = 0; i < X86_DESCRIPTORS_PER_FRAME; i++) {
		if (x86_descriptor_check(descriptors[i])) {
			return -EINVAL;
		}
	}
	return 0;
}

int seg_desc_frame_get(struct domain *d, mfn_t frame)
{
	int rc = frame_get(d, frame);

	if (rc) {
		return -EINVAL;
	}
	rc = frame_descriptors_check(frame);
	if (!rc) {
		rc = frame_get_typed(d, frame, FRAME_SEG_DESC) ? -EINVAL : 0;
	}
	frame_put(frame);
	return rc;
}

static void gdt_frames_put(const mfn_t *frames, unsigned int count)
{
	for (unsigned int i = 0; i < count; i++) {
		frame_put_typed(frames[i]);
	}
}

static unsigned int frames_for(unsigned long entries)
{
	return (unsigned int)((entries + X86_DESCRIPTORS_PER_FRAME - 1) /
			      X86_DESCRIPTORS_PER_FRAME);
}

HOT_CALL long do_set_gdt(struct vcpu *v, const struct hcall_args *args)
{
	unsigned long entries = args->arg[1];
	unsigned long list[X86_GUEST_GDT_FRAMES];
	mfn_t frames[X86_GUEST_GDT_FRAMES];
	unsigned int count;

	if (entries > FIRST_RESERVED_GDT_ENTRY) {
		return -EINVAL;
	}
	count = frames_for(entries);
	if (count && copy_from_guest(list, gvaddr(args->arg[0]), count * sizeof(list[0]))) {
		return -EFAULT;
	}
	for (unsigned int i = 0; i < count; i++) {
		frames[i] = mfn(list[i]);
		if (seg_desc_frame_get(v->domain, frames[i])) {
			gdt_frames_put(frames, i);
			return -EINVAL;
		}
	}
	gdt_frames_put(v->arch.gdt_frames, frames_for(v->arch.gdt_entries));
	for (unsigned int i = 0; i < count; i++) {
		v->arch.gdt_frames[i] = frames[i];
	}
	v->arch.gdt_entries = (unsigned int)entries;
	cpu_state_gdt_changed(v);
	return 0;
}

/* A GDT or LDT that holds this descriptor now sees the new value. */
static void descriptor_changed(struct vcpu *v, mfn_t frame, unsigned int slot)
{
	for (unsigned int i = 0; i < frames_for(v->arch.gdt_entries); i++) {
		if (mfn_eq(v->arch.gdt_frames[i], frame)) {
			cpu_state_gdt_entry_changed(v, i * X86_DESCRIPTORS_PER_FRAME + slot);
		}
	}
	for (unsigned int i = 0; i < frames_for(v->arch.ldt_entries); i++) {
		if (mfn_eq(v->arch.ldt_frames[i], frame)) {
			cpu_state_ldt_entry_changed(v, i * X86_DESCRIPTORS_PER_FRAME + slot);
		}
	}
}

/* A descriptor page in use stays one; any other frame is written as a writable page. */
static enum frame_type update_type(mfn_t frame)
{
	const struct frame_info *info = frame_info_of(frame);

	return info && info->type == FRAME_SEG_DESC && info->type_count ? FRAME_SEG_DESC
									: FRAME_WRITABLE;
}

HOT_CALL long do_update_descriptor(struct vcpu *v, const struct hcall_args *args)
{
	uint64_t address = (uint64_t)args->arg[1] << 32 | (uint32_t)args->arg[0];
	uint64_t descriptor = (uint64_t)args->arg[3] << 32 | (uint32_t)args->arg[2];
	mfn_t frame = maddr_to_mfn(maddr(address));
	unsigned int slot = (unsigned int)(address % PAGE_SIZE) / DESCRIPTOR_SIZE;

	if (address % DESCRIPTOR_SIZE || x86_descriptor_check(descriptor)) {
		return -EINVAL;
	}
	if (frame_get_typed(v->domain, frame, update_type(frame))) {
		return -EINVAL;
	}
	((uint64_t *)frame_map(frame))[slot] = descriptor;
	descriptor_changed(v, frame, slot);
	frame_put_typed(frame);
	return 0;
}

void gdt_release(struct vcpu *v)
{
	gdt_frames_put(v->arch.gdt_frames, frames_for(v->arch.gdt_entries));
	v->arch.gdt_entries = 0;
}
