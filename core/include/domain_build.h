/*
 * domain_build.h: building a PV domain from a kernel image (the start-of-day layout).
 *
 * ABI.md section 3 (x86) and section 8 (ARM64) share one layout: the kernel image at its
 * virtual addresses (pseudo-physical = VA - virt_base), then, page-aligned, the p2m list,
 * start_info, the bootstrap page tables (mapped read-only), a boot stack; everything mapped
 * 1:1 up to a 4 MiB boundary with at least 512 KiB spare. The core computes the layout and
 * fills memory; the arch builds its page-table format (arch/domain_build.h).
 */
#ifndef RINGO_DOMAIN_BUILD_H
#define RINGO_DOMAIN_BUILD_H

#include "domain.h"

#define XEN_FEATURE_WRITABLE_PAGE_TABLES (1U << 0)
#define XEN_FEATURE_WRITABLE_DESCRIPTOR_TABLES (1U << 1)
#define XEN_FEATURE_AUTO_TRANSLATED_PHYSMAP (1U << 2)
#define XEN_FEATURE_SUPERVISOR_MODE_KERNEL (1U << 3)
#define XEN_FEATURE_PAE_PGDIR_ABOVE_4GB (1U << 4)

/* What the kernel's "Xen" notes say. */
struct xen_guest_params {
	bool has_notes;
	bool loader_generic;
	bool xen_version_ok;
	bool pae_yes;
	bool has_entry;
	bool has_hypercall_page;
	uint64_t virt_base;
	uint64_t paddr_offset;
	bool has_paddr_offset;
	uint64_t entry;
	uint64_t hypercall_page;
	uint32_t features_required;
	uint32_t features_supported;
	char guest_os[32];
};

/* Parses the notes of image; -EINVAL when a note is malformed or a feature unknown. */
struct elf_image;
int xen_notes_parse(const struct elf_image *image, struct xen_guest_params *params);

struct boot_layout {
	uint64_t virt_base;   /* VA of pfn 0 */
	uint64_t image_start; /* first VA of the kernel image */
	uint64_t image_end;   /* page-aligned end of the image */
	uint64_t p2m_start;
	uint64_t start_info;
	uint64_t pt_start;
	uint64_t pt_frames;
	uint64_t stack_start; /* one page; the stack grows down from stack_start + PAGE_SIZE */
	uint64_t map_end;     /* end of the 1:1 mapping */
	uint64_t entry;
};

/*
 * Computes the layout for a kernel occupying [image_start, image_end) with nr_pages of
 * memory; -ENOMEM if the layout does not fit, -EINVAL if the image is misplaced.
 */
int boot_layout_compute(struct boot_layout *layout, uint64_t virt_base, uint64_t image_start,
			uint64_t image_end, uint64_t nr_pages);

/*
 * Builds domain d from the kernel image in [image, image + size) with nr_pages of memory,
 * the given command line and SIF_* flags, and prepares vCPU 0 to enter it.
 * Returns 0 or a negative errno with a message printed; on failure d holds no memory.
 */
int domain_build(struct domain *d, const void *image, size_t size, uint64_t nr_pages,
		 const char *cmdline, uint32_t flags);

/* Writes len bytes at pseudo-physical address gpaddr of d (through its p2m). */
int domain_write_phys(struct domain *d, uint64_t gpaddr, const void *src, size_t len);

#endif
