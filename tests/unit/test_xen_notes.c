/*
 * test_xen_notes.c: reading a PV kernel's "Xen" notes (core/xen_notes.c).
 *
 * Every note kind Ringo reads, numbers of both widths, strings that must be terminated
 * inside their descriptor, and the FEATURES list where an unknown required feature makes
 * the kernel unacceptable.
 */
#include <criterion/criterion.h>

#include "fake.h"

#include "domain_build.h"
#include "elf.h"
#include "elf_build.h"
#include "public/elfnote.h"
#include "public/errno.h"

static uint8_t scratch[16384];
static struct elf_build b;
static struct xen_guest_params params;

static void setup(void)
{
	elf_build_init(&b, ELFCLASS64, EM_AARCH64, 0x1000);
	memset(&params, 0x5c, sizeof(params)); /* the parser must clear it */
}

TestSuite(xen_notes, .init = setup);

static int parse(void)
{
	struct elf_image image;
	size_t size = elf_build_write(&b, scratch, sizeof(scratch));

	cr_assert_gt(size, 0);
	cr_assert_eq(elf_open(&image, scratch, size), 0);
	return xen_notes_parse(&image, &params);
}

Test(xen_notes, standard_kernel)
{
	elf_build_test_kernel(&b, ELFCLASS32, EM_386);
	cr_assert_eq(parse(), 0);
	cr_assert(params.has_notes);
	cr_assert(params.loader_generic);
	cr_assert(params.xen_version_ok);
	cr_assert(params.pae_yes);
	cr_assert(params.has_entry);
	cr_assert_eq(params.entry, TEST_KERNEL_ENTRY);
	cr_assert(params.has_hypercall_page);
	cr_assert_eq(params.hypercall_page, TEST_KERNEL_HYPERCALL_PAGE);
	cr_assert_eq(params.virt_base, TEST_KERNEL_VIRT_BASE);
	cr_assert(params.has_paddr_offset);
	cr_assert_eq(params.paddr_offset, TEST_KERNEL_VIRT_BASE);
	cr_assert_eq(params.features_supported,
		     XEN_FEATURE_WRITABLE_PAGE_TABLES | XEN_FEATURE_PAE_PGDIR_ABOVE_4GB);
	cr_assert_eq(params.features_required, XEN_FEATURE_PAE_PGDIR_ABOVE_4GB);
	cr_assert_str_eq(params.guest_os, "ringo-test");
}

Test(xen_notes, no_notes_is_not_an_error)
{
	cr_assert_eq(parse(), 0);
	cr_assert_not(params.has_notes);
	cr_assert_not(params.has_entry);
	cr_assert_eq(params.virt_base, 0);
	cr_assert_eq(params.guest_os[0], '\0');
}

Test(xen_notes, numbers_of_four_and_eight_bytes)
{
	elf_build_xen_u32(&b, XEN_ELFNOTE_ENTRY, 0x80001234);
	elf_build_xen_u64(&b, XEN_ELFNOTE_HYPERCALL_PAGE, 0x123456789000ULL);
	elf_build_xen_u32(&b, XEN_ELFNOTE_VIRT_BASE, 0xC0000000);
	cr_assert_eq(parse(), 0);
	cr_assert_eq(params.entry, 0x80001234);
	cr_assert_eq(params.hypercall_page, 0x123456789000ULL);
	cr_assert_eq(params.virt_base, 0xC0000000);
	cr_assert_not(params.has_paddr_offset);
}

Test(xen_notes, numbers_of_other_widths_refused)
{
	static const uint32_t types[] = {XEN_ELFNOTE_ENTRY, XEN_ELFNOTE_HYPERCALL_PAGE,
					 XEN_ELFNOTE_VIRT_BASE, XEN_ELFNOTE_PADDR_OFFSET};

	for (unsigned int i = 0; i < ARRAY_SIZE(types); i++) {
		for (size_t len = 0; len <= 16; len++) {
			uint8_t desc[16] = {1};

			if (len == 4 || len == 8) {
				continue;
			}
			setup();
			elf_build_note(&b, "Xen", types[i], desc, len);
			cr_assert_eq(parse(), -EINVAL, "type %u with %zu bytes", types[i], len);
		}
	}
}

Test(xen_notes, string_values)
{
	elf_build_xen_string(&b, XEN_ELFNOTE_LOADER, "elf");
	elf_build_xen_string(&b, XEN_ELFNOTE_XEN_VERSION, "xen-2.0");
	elf_build_xen_string(&b, XEN_ELFNOTE_PAE_MODE, "no");
	cr_assert_eq(parse(), 0);
	cr_assert(params.has_notes);
	cr_assert_not(params.loader_generic);
	cr_assert_not(params.xen_version_ok);
	cr_assert_not(params.pae_yes);
	setup();
	elf_build_xen_string(&b, XEN_ELFNOTE_PAE_MODE, "bimodal");
	cr_assert_eq(parse(), 0);
	cr_assert(params.pae_yes);
}

Test(xen_notes, long_guest_os_truncated)
{
	elf_build_xen_string(&b, XEN_ELFNOTE_GUEST_OS,
			     "a guest operating system name far longer than the field");
	cr_assert_eq(parse(), 0);
	cr_assert_eq(strlen(params.guest_os), sizeof(params.guest_os) - 1);
}

Test(xen_notes, unterminated_strings_refused)
{
	static const uint32_t types[] = {XEN_ELFNOTE_GUEST_OS, XEN_ELFNOTE_LOADER,
					 XEN_ELFNOTE_XEN_VERSION, XEN_ELFNOTE_PAE_MODE,
					 XEN_ELFNOTE_FEATURES};

	for (unsigned int i = 0; i < ARRAY_SIZE(types); i++) {
		setup();
		elf_build_note(&b, "Xen", types[i], "generic!", 8); /* no NUL inside */
		cr_assert_eq(parse(), -EINVAL, "type %u", types[i]);
		setup();
		elf_build_note(&b, "Xen", types[i], NULL, 0);
		cr_assert_eq(parse(), -EINVAL, "empty type %u", types[i]);
	}
}

Test(xen_notes, every_known_feature)
{
	elf_build_xen_string(&b, XEN_ELFNOTE_FEATURES,
			     "writable_page_tables|!writable_descriptor_tables|"
			     "auto_translated_physmap|!supervisor_mode_kernel|pae_pgdir_above_4gb");
	cr_assert_eq(parse(), 0);
	cr_assert_eq(params.features_supported, 0x1f);
	cr_assert_eq(params.features_required,
		     XEN_FEATURE_WRITABLE_DESCRIPTOR_TABLES | XEN_FEATURE_SUPERVISOR_MODE_KERNEL);
}

Test(xen_notes, unknown_optional_feature_ignored)
{
	elf_build_xen_string(&b, XEN_ELFNOTE_FEATURES, "hvm_callback_vector||pae_pgdir_above_4gb");
	cr_assert_eq(parse(), 0);
	cr_assert_eq(params.features_supported, XEN_FEATURE_PAE_PGDIR_ABOVE_4GB);
	cr_assert_eq(params.features_required, 0);
}

Test(xen_notes, unknown_required_feature_refused)
{
	elf_build_xen_string(&b, XEN_ELFNOTE_FEATURES, "writable_page_tables|!hvm_callback_vector");
	cr_assert_eq(parse(), -EINVAL);
	setup();
	elf_build_xen_string(&b, XEN_ELFNOTE_FEATURES, "!");
	cr_assert_eq(parse(), -EINVAL, "a bare '!' names no feature");
	setup();
	elf_build_xen_string(&b, XEN_ELFNOTE_FEATURES, "!pae_pgdir_above_4gbX");
	cr_assert_eq(parse(), -EINVAL, "prefix of a known name is not that name");
}

Test(xen_notes, other_owners_and_unused_types_ignored)
{
	uint8_t junk[3] = {1, 2, 3};

	elf_build_note(&b, "GNU", XEN_ELFNOTE_ENTRY, junk, sizeof(junk));
	elf_build_note(&b, "Xenx", XEN_ELFNOTE_ENTRY, junk, sizeof(junk));
	elf_build_note(&b, "Xe", XEN_ELFNOTE_ENTRY, junk, sizeof(junk));
	cr_assert_eq(parse(), 0);
	cr_assert_not(params.has_notes);
	cr_assert_not(params.has_entry);
	elf_build_note(&b, "Xen", XEN_ELFNOTE_GUEST_VERSION, junk, sizeof(junk));
	elf_build_note(&b, "Xen", XEN_ELFNOTE_BSD_SYMTAB, junk, sizeof(junk));
	elf_build_note(&b, "Xen", XEN_ELFNOTE_HV_START_LOW, junk, sizeof(junk));
	elf_build_note(&b, "Xen", 0x1234, junk, sizeof(junk));
	cr_assert_eq(parse(), 0);
	cr_assert(params.has_notes);
}

Test(xen_notes, malformed_note_segment_refused)
{
	size_t size;
	struct elf_image image;

	elf_build_xen_string(&b, XEN_ELFNOTE_LOADER, "generic");
	size = elf_build_write(&b, scratch, sizeof(scratch));
	elf_build_put(scratch + elf_build_notes_offset(&b) + 4, 4096, 4); /* descsz */
	cr_assert_eq(elf_open(&image, scratch, size), 0);
	cr_assert_eq(xen_notes_parse(&image, &params), -EINVAL);
}
