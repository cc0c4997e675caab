/*
 * domain_build.c: building a PV domain from its kernel image, as Xen's domain builder
 * does for domain 0 (ABI.md sections 3 and 8).
 *
 * First everything is checked (the ELF image, its Xen notes, the layout); only then is
 * memory given to the domain and filled: the image, the hypercall page, the p2m list,
 * start_info, shared_info, the page tables (the arch's format) and vCPU 0's entry state.
 * The bootstrap tables then go through the same validator as any guest table: the top one
 * is pinned (so every table below becomes a typed, validated table and every mapped page
 * gets its references) and becomes the vCPU's base. The builder wrote those tables itself,
 * so a refusal there is a hypervisor bug and panics.
 */
#include "domain_build.h"
#include "arch/config.h"
#include "arch/domain_build.h"
#include "arch/vcpu.h"
#include "check.h"
#include "console.h"
#include "elf.h"
#include "frame_alloc.h"
#include "lib.h"
#include "mm.h"
#include "public/errno.h"
#include "time.h"

/* The features a kernel may require of Ringo. */
#define RINGO_FEATURES_PROVIDED XEN_FEATURE_PAE_PGDIR_ABOVE_4GB

struct kernel_info {
	struct elf_image elf;
	struct xen_guest_params params;
	uint64_t image_start;
	uint64_t image_end;
	uint64_t entry;
};

int domain_write_phys(struct domain *d, uint64_t gpaddr, const void *src, size_t len)
{
	const uint8_t *from = src;

	while (len) {
		uint64_t offset = gpaddr % PAGE_SIZE;
		size_t chunk = PAGE_SIZE - offset < len ? PAGE_SIZE - offset : len;
		mfn_t frame = domain_pfn_to_mfn(d, pfn(gpaddr >> PAGE_SHIFT));

		if (!mfn_is_valid(frame)) {
			return -EINVAL;
		}
		memcpy((uint8_t *)frame_map(frame) + offset, from, chunk);
		gpaddr += chunk;
		from += chunk;
		len -= chunk;
	}
	return 0;
}

static int kernel_check_notes(const struct xen_guest_params *params)
{
	if (!params->has_notes) {
		printk("ringo: kernel has no Xen ELF notes\n");
		return -EINVAL;
	}
	if (!params->loader_generic || !params->xen_version_ok) {
		printk("ringo: kernel needs LOADER \"generic\" and XEN_VERSION \"xen-3.0\"\n");
		return -EINVAL;
	}
	if (ARCH_REQUIRES_PAE_NOTE && !params->pae_yes) {
		printk("ringo: kernel is not a PAE kernel (PAE_MODE note)\n");
		return -EINVAL;
	}
	if (params->features_required & ~(uint32_t)RINGO_FEATURES_PROVIDED) {
		printk("ringo: kernel requires features Ringo lacks (mask 0x%x)\n",
		       params->features_required & ~(uint32_t)RINGO_FEATURES_PROVIDED);
		return -EINVAL;
	}
	return 0;
}

static int kernel_image_range(struct kernel_info *kernel)
{
	struct elf_segment seg;
	bool found = false;

	kernel->image_start = UINT64_MAX;
	kernel->image_end = 0;
	for (unsigned int i = 0; i < kernel->elf.phnum; i++) {
		if (!elf_segment(&kernel->elf, i, &seg)) {
			return -EINVAL;
		}
		if (seg.type != PT_LOAD || seg.memsz == 0) {
			continue;
		}
		if (seg.vaddr + seg.memsz < seg.vaddr) {
			return -EINVAL;
		}
		found = true;
		kernel->image_start =
		    seg.vaddr < kernel->image_start ? seg.vaddr : kernel->image_start;
		kernel->image_end = seg.vaddr + seg.memsz > kernel->image_end
					? seg.vaddr + seg.memsz
					: kernel->image_end;
	}
	return found ? 0 : -EINVAL;
}

static bool in_image(const struct kernel_info *kernel, uint64_t va)
{
	return va >= kernel->image_start && va < kernel->image_end;
}

static int kernel_inspect(struct kernel_info *kernel, const void *image, size_t size)
{
	int rc = elf_open(&kernel->elf, image, size);

	if (rc || kernel->elf.elf_class != ARCH_ELF_CLASS ||
	    kernel->elf.machine != ARCH_ELF_MACHINE) {
		printk("ringo: kernel is not an ELF image for %s\n", ARCH_NAME);
		return -EINVAL;
	}
	rc = xen_notes_parse(&kernel->elf, &kernel->params);
	if (rc) {
		printk("ringo: kernel has malformed Xen notes\n");
		return rc;
	}
	rc = kernel_check_notes(&kernel->params);
	if (rc || (rc = kernel_image_range(kernel))) {
		return rc;
	}
	kernel->entry = kernel->params.has_entry ? kernel->params.entry : kernel->elf.entry;
	if (!in_image(kernel, kernel->entry) || kernel->image_start < kernel->params.virt_base) {
		printk("ringo: kernel entry or load address outside its image\n");
		return -EINVAL;
	}
	if (kernel->params.has_hypercall_page &&
	    (!in_image(kernel, kernel->params.hypercall_page) ||
	     kernel->params.hypercall_page % PAGE_SIZE)) {
		printk("ringo: kernel's hypercall page is not a page of its image\n");
		return -EINVAL;
	}
	return 0;
}

static int load_segments(struct domain *d, const struct kernel_info *kernel)
{
	struct elf_segment seg;

	for (unsigned int i = 0; i < kernel->elf.phnum; i++) {
		elf_segment(&kernel->elf, i, &seg);
		if (seg.type != PT_LOAD || seg.filesz == 0) {
			continue;
		}
		/* The rest of memsz is already zero: domain frames come zeroed. */
		int rc = domain_write_phys(d, seg.vaddr - kernel->params.virt_base,
					   kernel->elf.data + seg.offset, seg.filesz);
		if (rc) {
			return rc;
		}
	}
	return 0;
}

static void write_hypercall_page(struct domain *d, const struct kernel_info *kernel)
{
	static uint8_t page[PAGE_SIZE];

	if (!kernel->params.has_hypercall_page) {
		return;
	}
	memset(page, 0, sizeof(page));
	arch_fill_hypercall_page(page);
	domain_write_phys(d, kernel->params.hypercall_page - kernel->params.virt_base, page,
			  sizeof(page));
}

static void write_p2m_list(struct domain *d, const struct boot_layout *layout)
{
	uint64_t base = layout->p2m_start - layout->virt_base;

	for (uint64_t i = 0; i < d->nr_pages; i++) {
		xen_pfn_t entry = (xen_pfn_t)mfn_value(d->p2m[i]);

		domain_write_phys(d, base + i * sizeof(entry), &entry, sizeof(entry));
	}
}

static void write_start_info(struct domain *d, const struct boot_layout *layout,
			     const char *cmdline, uint32_t flags)
{
	static struct start_info info;

	memset(&info, 0, sizeof(info));
	strlcpy(info.magic, ARCH_START_INFO_MAGIC, sizeof(info.magic));
	info.nr_pages = (unsigned long)d->nr_pages;
	info.shared_info = (unsigned long)maddr_value(mfn_to_maddr(d->shared_info_frame));
	info.flags = flags;
	info.pt_base = (unsigned long)layout->pt_start;
	info.nr_pt_frames = (unsigned long)layout->pt_frames;
	info.mfn_list = (unsigned long)layout->p2m_start;
	strlcpy((char *)info.cmd_line, cmdline, sizeof(info.cmd_line));
	domain_write_phys(d, layout->start_info - layout->virt_base, &info, sizeof(info));
}

static void init_shared_info(struct domain *d)
{
	d->shared_info->vcpu_info[0].evtchn_upcall_mask = 1;
	d->shared_info->arch.max_pfn = (unsigned long)d->nr_pages;
	time_update_wallclock(d);
	time_update_vcpu(&d->vcpu[0]);
}

static void adopt_boot_tables(struct domain *d, mfn_t top)
{
	int rc = mm_pin_table(d, top, ARCH_PT_LEVELS);

	if (!rc) {
		rc = mm_take_base(&d->vcpu[0], top);
	}
	if (rc) {
		panic("d%u: the bootstrap page tables fail validation (error %d)", d->id, rc);
	}
}

int domain_build(struct domain *d, const void *image, size_t size, uint64_t nr_pages,
		 const char *cmdline, uint32_t flags)
{
	struct kernel_info kernel;
	struct boot_layout layout;
	struct vcpu_start start;
	int rc = kernel_inspect(&kernel, image, size);

	if (rc) {
		return rc;
	}
	rc = boot_layout_compute(&layout, kernel.params.virt_base, kernel.image_start,
				 kernel.image_end, nr_pages);
	if (rc) {
		printk("ringo: d%u: %lu KiB is too small for its start-of-day layout\n", d->id,
		       (unsigned long)(nr_pages * (PAGE_SIZE / 1024)));
		return rc;
	}
	rc = domain_populate(d, nr_pages);
	if (rc) {
		printk("ringo: d%u: out of memory for %lu pages\n", d->id, (unsigned long)nr_pages);
		return rc;
	}
	load_segments(d, &kernel);
	write_hypercall_page(d, &kernel);
	write_p2m_list(d, &layout);
	write_start_info(d, &layout, cmdline, flags);
	init_shared_info(d);
	layout.entry = kernel.entry;
	start = (struct vcpu_start){
	    .entry = kernel.entry,
	    .stack_top = layout.stack_start + PAGE_SIZE,
	    .start_info = layout.start_info,
	    .pt_base = arch_boot_pt_build(d, &layout),
	};
	adopt_boot_tables(d, maddr_to_mfn(start.pt_base));
	arch_vcpu_init(&d->vcpu[0], &start);
	return 0;
}
