/*
 * test_domain_build.c: building a domain from a synthetic kernel, end to end on the fake
 * arch (core/domain_build.c with the fake page tables).
 *
 * After a successful build every piece is read back the way the guest would find it: the
 * loaded segments, the hypercall page, the p2m list, start_info field by field (ABI.md
 * section 3), shared_info, the boot page tables, vCPU 0's entry state. Every refused kernel
 * must leave the domain without memory.
 */
#include <criterion/criterion.h>

#include "fake.h"

#include "arch/config.h"
#include "arch/domain_build.h"
#include "arch/pt.h"
#include "domain_build.h"
#include "elf_build.h"
#include "frame_alloc.h"
#include "frame_table.h"
#include "guest_memory.h"
#include "public/elfnote.h"
#include "public/errno.h"
#include "public/sched.h"
#include "pt_audit.h"

#define NR_PAGES 2048
#define VB TEST_KERNEL_VIRT_BASE
#define CMDLINE "console=hvc0 test=hello"

static uint8_t image[16384];
static size_t image_size;
static struct domain *d;
static struct boot_layout expected;
static uint64_t free_before;

static void setup(void)
{
	fake_boot();
	d = domain_create(0, true);
	cr_assert_not_null(d);
	free_before = frame_free_count();
	image_size = fake_kernel_image(image, sizeof(image));
	cr_assert_gt(image_size, 0);
	cr_assert_eq(boot_layout_compute(&expected, VB, VB, TEST_KERNEL_END, NR_PAGES), 0);
}

TestSuite(domain_build, .init = setup);

static int build(void)
{
	return domain_build(d, image, image_size, NR_PAGES, CMDLINE,
			    SIF_PRIVILEGED | SIF_INITDOMAIN);
}

static void read_va(uint64_t va, void *dst, size_t len)
{
	guest_read_phys(d, va - VB, dst, len);
}

Test(domain_build, memory_given_and_counted)
{
	uint64_t p2m_frames = NR_PAGES * sizeof(mfn_t) / PAGE_SIZE;

	cr_assert_eq(build(), 0);
	cr_assert_eq(d->nr_pages, NR_PAGES);
	cr_assert_eq(d->max_pages, NR_PAGES);
	cr_assert_eq(frame_free_count(), free_before - NR_PAGES - p2m_frames);
	for (uint64_t i = 0; i < NR_PAGES; i++) {
		uint64_t frame = mfn_value(d->p2m[i]);

		cr_assert_geq(frame, FAKE_BOOT_RESERVED / PAGE_SIZE, "pfn %llu",
			      (unsigned long long)i);
		cr_assert_lt(frame, FAKE_RAM_SIZE / PAGE_SIZE);
		cr_assert_neq(frame, mfn_value(d->shared_info_frame));
	}
}

Test(domain_build, p2m_frames_are_distinct)
{
	static bool used[FAKE_RAM_SIZE / PAGE_SIZE];

	cr_assert_eq(build(), 0);
	for (uint64_t i = 0; i < NR_PAGES; i++) {
		uint64_t frame = mfn_value(d->p2m[i]);

		cr_assert_not(used[frame], "frame %llu given twice", (unsigned long long)frame);
		used[frame] = true;
	}
}

Test(domain_build, segments_loaded_and_bss_zeroed)
{
	static uint8_t page[PAGE_SIZE];

	cr_assert_eq(build(), 0);
	read_va(VB, page, PAGE_SIZE);
	for (size_t i = 0; i < PAGE_SIZE; i++) {
		cr_assert_eq(page[i], TEST_KERNEL_TEXT_BYTE, "text byte %zu", i);
	}
	for (uint64_t va = TEST_KERNEL_DATA; va < TEST_KERNEL_END; va += PAGE_SIZE) {
		read_va(va, page, PAGE_SIZE);
		for (size_t i = 0; i < PAGE_SIZE; i++) {
			size_t at = (size_t)(va - TEST_KERNEL_DATA) + i;
			uint8_t want = at < TEST_KERNEL_DATA_FILESZ ? TEST_KERNEL_DATA_BYTE : 0;

			cr_assert_eq(page[i], want, "data byte %zu", at);
		}
	}
}

Test(domain_build, hypercall_page_filled)
{
	static uint8_t page[PAGE_SIZE];

	cr_assert_eq(build(), 0);
	read_va(TEST_KERNEL_HYPERCALL_PAGE, page, PAGE_SIZE);
	for (unsigned int i = 0; i < HYPERCALL_PAGE_SLOTS; i++) {
		cr_assert_eq(page[i * HYPERCALL_PAGE_SLOT_SIZE], FAKE_HCALL_SLOT_MAGIC, "slot %u",
			     i);
		cr_assert_eq(page[i * HYPERCALL_PAGE_SLOT_SIZE + 1], i);
	}
}

Test(domain_build, p2m_list_names_every_frame)
{
	static xen_pfn_t list[NR_PAGES];

	cr_assert_eq(build(), 0);
	read_va(expected.p2m_start, list, sizeof(list));
	for (uint64_t i = 0; i < NR_PAGES; i++) {
		cr_assert_eq(list[i], mfn_value(d->p2m[i]), "p2m[%llu]", (unsigned long long)i);
	}
}

Test(domain_build, start_info_fields)
{
	static struct start_info info;

	cr_assert_eq(build(), 0);
	read_va(expected.start_info, &info, sizeof(info));
	cr_assert_str_eq(info.magic, ARCH_START_INFO_MAGIC);
	cr_assert_eq(info.nr_pages, NR_PAGES);
	cr_assert_eq(info.shared_info, maddr_value(mfn_to_maddr(d->shared_info_frame)));
	cr_assert_eq(info.flags, SIF_PRIVILEGED | SIF_INITDOMAIN);
	cr_assert_eq(info.pt_base, expected.pt_start);
	cr_assert_eq(info.nr_pt_frames, expected.pt_frames);
	cr_assert_eq(info.mfn_list, expected.p2m_start);
	cr_assert_eq(info.store_mfn, 0);
	cr_assert_eq(info.mod_start, 0);
	cr_assert_eq(info.mod_len, 0);
	cr_assert_eq(info.first_p2m_pfn, 0);
	cr_assert_eq(info.nr_p2m_frames, 0);
	cr_assert_str_eq((const char *)info.cmd_line, CMDLINE);
}

Test(domain_build, long_command_line_truncated)
{
	static char cmdline[MAX_GUEST_CMDLINE + 100];
	static struct start_info info;

	memset(cmdline, 'c', sizeof(cmdline) - 1);
	cr_assert_eq(domain_build(d, image, image_size, NR_PAGES, cmdline, 0), 0);
	read_va(expected.start_info, &info, sizeof(info));
	cr_assert_eq(strnlen((const char *)info.cmd_line, sizeof(info.cmd_line)),
		     MAX_GUEST_CMDLINE - 1);
	cr_assert_eq(info.flags, 0);
}

Test(domain_build, shared_info_initialised)
{
	cr_assert_eq(build(), 0);
	cr_assert_eq(d->shared_info->vcpu_info[0].evtchn_upcall_mask, 1, "events masked");
	cr_assert_eq(d->shared_info->vcpu_info[0].evtchn_upcall_pending, 0);
	cr_assert_eq(d->shared_info->arch.max_pfn, NR_PAGES);
	cr_assert_eq(d->shared_info->evtchn_pending[0], 0);
}

Test(domain_build, vcpu_start_state)
{
	uint64_t root_pfn = (expected.pt_start - VB) / PAGE_SIZE;

	cr_assert_eq(build(), 0);
	cr_assert(d->vcpu[0].arch.started);
	cr_assert_eq(d->vcpu[0].arch.entry, TEST_KERNEL_ENTRY);
	cr_assert_eq(d->vcpu[0].arch.stack_top, expected.stack_start + PAGE_SIZE);
	cr_assert_eq(d->vcpu[0].arch.start_info, expected.start_info);
	cr_assert_eq(maddr_value(d->vcpu[0].arch.pt_base),
		     maddr_value(mfn_to_maddr(d->p2m[root_pfn])), "top table first");
}

Test(domain_build, page_tables_map_everything_once)
{
	maddr_t root;

	cr_assert_eq(build(), 0);
	root = d->vcpu[0].arch.pt_base;
	for (uint64_t va = VB; va < expected.map_end; va += PAGE_SIZE) {
		bool pt_page = va >= expected.pt_start &&
			       va < expected.pt_start + expected.pt_frames * PAGE_SIZE;
		mfn_t frame;
		bool writable;

		cr_assert(fake_pt_translate(root, va, &frame, &writable), "va %#llx",
			  (unsigned long long)va);
		cr_assert_eq(mfn_value(frame), mfn_value(d->p2m[(va - VB) / PAGE_SIZE]));
		cr_assert_eq(writable, !pt_page, "va %#llx", (unsigned long long)va);
	}
	cr_assert_not(fake_pt_translate(root, expected.map_end, &(mfn_t){0}, &(bool){0}));
	cr_assert_not(fake_pt_translate(root, VB - PAGE_SIZE, &(mfn_t){0}, &(bool){0}));
}

Test(domain_build, boot_tables_are_validated_pinned_and_the_base)
{
	uint64_t root_pfn = (expected.pt_start - VB) / PAGE_SIZE;
	mfn_t root;
	const struct frame_info *info;

	cr_assert_eq(build(), 0);
	root = d->p2m[root_pfn];
	info = frame_info_of(root);
	cr_assert_eq(mfn_value(d->vcpu[0].pt_base), mfn_value(root));
	cr_assert_eq(info->type, frame_type_of_level(ARCH_PT_LEVELS, false));
	cr_assert_eq(info->type_count, 2, "the pin and the base");
	cr_assert(info->flags & FRAME_PINNED);
	for (uint64_t i = 1; i < expected.pt_frames; i++) {
		info = frame_info_of(d->p2m[root_pfn + i]);
		cr_assert(frame_type_level(info->type) && info->type_count, "table %llu",
			  (unsigned long long)i);
		cr_assert_eq(info->count, 3, "allocation, its parent entry, its read-only mapping");
	}
	info = frame_info_of(d->p2m[(expected.stack_start - VB) / PAGE_SIZE]);
	cr_assert_eq(info->type, FRAME_WRITABLE);
	cr_assert_eq(info->type_count, 1);
	cr_assert_null(pt_audit(), "%s", pt_audit());
}

Test(domain_build, boot_tables_under_the_hypervisor_sharing_slot)
{
	static uint8_t text[PAGE_SIZE];
	const uint64_t base = 0xE0000000ULL; /* L3 slot 7: its L2 shares the hypervisor's part */
	struct elf_build b;
	mfn_t l2;

	elf_build_init(&b, ARCH_ELF_CLASS, ARCH_ELF_MACHINE, base + 0x100);
	elf_build_load(&b, base, text, sizeof(text), sizeof(text));
	elf_build_xen_string(&b, XEN_ELFNOTE_LOADER, "generic");
	elf_build_xen_string(&b, XEN_ELFNOTE_XEN_VERSION, "xen-3.0");
	elf_build_xen_u64(&b, XEN_ELFNOTE_VIRT_BASE, base);
	image_size = elf_build_write(&b, image, sizeof(image));
	cr_assert_eq(domain_build(d, image, image_size, NR_PAGES, "", 0), 0);
	l2 = arch_pte_mfn(((const pte_t *)frame_map(d->vcpu[0].pt_base))[FAKE_HV_L3_SLOT], 3);
	cr_assert_eq(frame_info_of(l2)->type, FRAME_L2_HV);
	cr_assert_eq(((const pte_t *)frame_map(l2))[FAKE_HV_FIRST_SLOT].value,
		     FAKE_HV_ENTRY(FAKE_HV_FIRST_SLOT));
	cr_assert_null(pt_audit(), "%s", pt_audit());
}

Test(domain_build, kernel_without_optional_notes)
{
	static uint8_t text[PAGE_SIZE];
	struct elf_build b;
	char magic[32];

	elf_build_init(&b, ARCH_ELF_CLASS, ARCH_ELF_MACHINE, 0x400100);
	elf_build_load(&b, 0x400000, text, sizeof(text), sizeof(text));
	elf_build_xen_string(&b, XEN_ELFNOTE_LOADER, "generic");
	elf_build_xen_string(&b, XEN_ELFNOTE_XEN_VERSION, "xen-3.0");
	image_size = elf_build_write(&b, image, sizeof(image));
	cr_assert_eq(domain_build(d, image, image_size, NR_PAGES, "", 0), 0);
	cr_assert_eq(d->vcpu[0].arch.entry, 0x400100, "e_entry without an ENTRY note");
	/* VA == pseudo-physical: start_info follows the image and 4 pages of p2m list. */
	cr_assert_eq(d->vcpu[0].arch.start_info, 0x405000);
	guest_read_phys(d, 0x405000, magic, sizeof(magic));
	cr_assert_str_eq(magic, ARCH_START_INFO_MAGIC);
}

static void check_refused(int rc, int expected_rc, const char *message)
{
	cr_assert_eq(rc, expected_rc, "rc %d; console: %s", rc, fake_console_text());
	cr_assert(fake_console_contains(message), "console: %s", fake_console_text());
	cr_assert_eq(d->nr_pages, 0, "a refused kernel leaves no memory");
	cr_assert_null(d->p2m);
	cr_assert_eq(frame_free_count(), free_before);
	cr_assert_not(d->vcpu[0].arch.started);
}

Test(domain_build, not_an_elf_image)
{
	check_refused(domain_build(d, "garbage", 7, NR_PAGES, "", 0), -EINVAL, "not an ELF image");
	image[0] = 0;
	check_refused(build(), -EINVAL, "not an ELF image");
}

Test(domain_build, wrong_class_or_machine)
{
	struct elf_build b;

	elf_build_test_kernel(&b, ELFCLASS32, ARCH_ELF_MACHINE);
	image_size = elf_build_write(&b, image, sizeof(image));
	check_refused(build(), -EINVAL, "not an ELF image for fake");
	elf_build_test_kernel(&b, ARCH_ELF_CLASS, EM_386);
	image_size = elf_build_write(&b, image, sizeof(image));
	check_refused(build(), -EINVAL, "not an ELF image for fake");
}

/* Rebuilds the standard kernel with one extra (later, so overriding) or broken note. */
static void kernel_with(void (*change)(struct elf_build *b))
{
	struct elf_build b;

	elf_build_test_kernel(&b, ARCH_ELF_CLASS, ARCH_ELF_MACHINE);
	change(&b);
	image_size = elf_build_write(&b, image, sizeof(image));
	cr_assert_gt(image_size, 0);
}

static void loader_other(struct elf_build *b)
{
	elf_build_xen_string(b, XEN_ELFNOTE_LOADER, "other");
}

static void needs_missing_feature(struct elf_build *b)
{
	elf_build_xen_string(b, XEN_ELFNOTE_FEATURES, "!writable_page_tables");
}

static void unknown_required_feature(struct elf_build *b)
{
	elf_build_xen_string(b, XEN_ELFNOTE_FEATURES, "!no_such_feature");
}

static void entry_outside(struct elf_build *b)
{
	elf_build_xen_u64(b, XEN_ELFNOTE_ENTRY, TEST_KERNEL_END);
}

static void hypercall_page_unaligned(struct elf_build *b)
{
	elf_build_xen_u64(b, XEN_ELFNOTE_HYPERCALL_PAGE, TEST_KERNEL_HYPERCALL_PAGE + 8);
}

static void hypercall_page_outside(struct elf_build *b)
{
	elf_build_xen_u64(b, XEN_ELFNOTE_HYPERCALL_PAGE, TEST_KERNEL_END + PAGE_SIZE);
}

static void virt_base_above_image(struct elf_build *b)
{
	elf_build_xen_u64(b, XEN_ELFNOTE_VIRT_BASE, VB + PAGE_SIZE);
}

static void no_notes(struct elf_build *b)
{
	b->notes_len = 0;
}

static void no_load_segments(struct elf_build *b)
{
	for (unsigned int i = 0; i < b->segment_count; i++) {
		b->segments[i].type = 6; /* PT_PHDR: not loaded */
	}
}

Test(domain_build, refused_kernels)
{
	kernel_with(no_notes);
	check_refused(build(), -EINVAL, "no Xen ELF notes");
	kernel_with(loader_other);
	check_refused(build(), -EINVAL, "LOADER");
	kernel_with(needs_missing_feature);
	check_refused(build(), -EINVAL, "requires features Ringo lacks (mask 0x1)");
	kernel_with(unknown_required_feature);
	check_refused(build(), -EINVAL, "malformed Xen notes");
	kernel_with(entry_outside);
	check_refused(build(), -EINVAL, "entry or load address outside its image");
	kernel_with(virt_base_above_image);
	check_refused(build(), -EINVAL, "entry or load address outside its image");
	kernel_with(hypercall_page_unaligned);
	check_refused(build(), -EINVAL, "hypercall page is not a page of its image");
	kernel_with(hypercall_page_outside);
	check_refused(build(), -EINVAL, "hypercall page is not a page of its image");
	kernel_with(no_load_segments);
	check_refused(build(), -EINVAL, "");
}

Test(domain_build, too_small_for_the_layout)
{
	check_refused(domain_build(d, image, image_size, 100, "", 0), -ENOMEM,
		      "400 KiB is too small");
}

Test(domain_build, more_memory_than_the_machine_has)
{
	check_refused(domain_build(d, image, image_size, FAKE_RAM_SIZE / PAGE_SIZE, "", 0), -ENOMEM,
		      "out of memory");
}

Test(domain_build, shutdown_returns_every_frame)
{
	struct domain *domu;
	uint64_t before;

	before = frame_free_count();
	domu = domain_create(1, false);
	cr_assert_not_null(domu);
	cr_assert_eq(domain_build(domu, image, image_size, NR_PAGES, "", 0), 0);
	domain_shutdown(domu, SHUTDOWN_poweroff);
	cr_assert_eq(frame_free_count(), before);
	cr_assert_null(domain_lookup(1));
	cr_assert(fake_console_contains("ringo: d1 shutdown: poweroff\n"));
}
