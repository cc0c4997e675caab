/*
 * test_elf.c: the bounds-checked ELF reader (core/elf.c), both classes.
 *
 * Images are built by support/elf_build.c and copied into exactly-sized heap buffers, so
 * AddressSanitizer flags any read past the image even where the reader's own checks would
 * not. Each malformed case starts from a valid image and breaks one field.
 */
#include <criterion/criterion.h>
#include <stdlib.h>

#include "fake.h"

#include "elf.h"
#include "elf_build.h"
#include "public/elfnote.h"
#include "public/errno.h"

static uint8_t scratch[16384];
static uint8_t *owned;
static struct elf_build b;
static struct elf_image image;

static void release(void)
{
	free(owned);
	owned = NULL;
}

TestSuite(elf, .fini = release);

/* An exactly-sized heap copy of the first size bytes of scratch. */
static const uint8_t *exact(size_t size)
{
	release();
	owned = malloc(size ? size : 1);
	cr_assert_not_null(owned);
	memcpy(owned, scratch, size);
	return owned;
}

static size_t build_kernel(unsigned int elf_class)
{
	size_t size;

	elf_build_test_kernel(&b, elf_class, elf_class == ELFCLASS64 ? EM_AARCH64 : EM_386);
	size = elf_build_write(&b, scratch, sizeof(scratch));
	cr_assert_gt(size, 0);
	return size;
}

static int open_scratch(size_t size)
{
	return elf_open(&image, exact(size), size);
}

static void put_field(unsigned int phdr, const char *field, uint64_t value)
{
	unsigned int width = b.elf_class == ELFCLASS64 ? 8 : 4;

	if (!strcmp(field, "type")) {
		width = 4;
	}
	elf_build_put(scratch + elf_build_phdr_offset(&b, phdr) + elf_build_ph_field(&b, field),
		      value, width);
}

static void check_valid(unsigned int elf_class)
{
	size_t size = build_kernel(elf_class);
	struct elf_segment seg;
	const uint8_t *data;

	cr_assert_eq(open_scratch(size), 0);
	cr_assert_eq(image.elf_class, elf_class);
	cr_assert_eq(image.machine, elf_class == ELFCLASS64 ? EM_AARCH64 : EM_386);
	cr_assert_eq(image.entry, TEST_KERNEL_ENTRY);
	cr_assert_eq(image.phnum, 3);
	cr_assert_eq(image.phentsize, elf_build_phentsize(&b));
	cr_assert(elf_segment(&image, 0, &seg));
	cr_assert_eq(seg.type, PT_NOTE);
	cr_assert(elf_segment(&image, 2, &seg));
	cr_assert_eq(seg.type, PT_LOAD);
	cr_assert_eq(seg.vaddr, TEST_KERNEL_DATA);
	cr_assert_eq(seg.paddr, TEST_KERNEL_DATA);
	cr_assert_eq(seg.filesz, TEST_KERNEL_DATA_FILESZ);
	cr_assert_eq(seg.memsz, TEST_KERNEL_DATA_MEMSZ);
	data = image.data + seg.offset;
	cr_assert_eq(data[0], TEST_KERNEL_DATA_BYTE);
	cr_assert_eq(data[seg.filesz - 1], TEST_KERNEL_DATA_BYTE);
	cr_assert_not(elf_segment(&image, 3, &seg), "index past phnum");
}

Test(elf, valid_elf64)
{
	check_valid(ELFCLASS64);
}

Test(elf, valid_elf32)
{
	check_valid(ELFCLASS32);
}

Test(elf, short_images_refused)
{
	size_t size = build_kernel(ELFCLASS64);

	cr_assert_eq(open_scratch(0), -EINVAL);
	cr_assert_eq(open_scratch(51), -EINVAL);
	cr_assert_eq(open_scratch(60), -EINVAL, "an ELF64 header is 64 bytes");
	cr_assert_eq(open_scratch(elf_build_phdr_offset(&b, 2)), -EINVAL, "phdrs cut short");
	cr_assert_eq(open_scratch(size), 0);
}

Test(elf, bad_identification_refused)
{
	size_t size = build_kernel(ELFCLASS32);

	scratch[1] = 'e';
	cr_assert_eq(open_scratch(size), -EINVAL);
	build_kernel(ELFCLASS32);
	scratch[5] = 2; /* big-endian */
	cr_assert_eq(open_scratch(size), -EINVAL);
	build_kernel(ELFCLASS32);
	scratch[4] = 3; /* no such class */
	cr_assert_eq(open_scratch(size), -EINVAL);
}

Test(elf, program_headers_must_fit)
{
	size_t size = build_kernel(ELFCLASS64);

	elf_build_put(scratch + 32, size - 8, 8); /* e_phoff near the end */
	cr_assert_eq(open_scratch(size), -EINVAL);
	elf_build_put(scratch + 32, UINT64_MAX - 16, 8); /* offset + length wraps */
	cr_assert_eq(open_scratch(size), -EINVAL);
	build_kernel(ELFCLASS64);
	elf_build_put(scratch + 56, 0xffff, 2); /* e_phnum */
	cr_assert_eq(open_scratch(size), -EINVAL);
	build_kernel(ELFCLASS64);
	elf_build_put(scratch + 54, 40, 2); /* e_phentsize smaller than an Elf64_Phdr */
	cr_assert_eq(open_scratch(size), -EINVAL);
}

Test(elf, elf32_program_headers_must_fit)
{
	size_t size = build_kernel(ELFCLASS32);

	elf_build_put(scratch + 28, 0xfffffff0, 4); /* e_phoff */
	cr_assert_eq(open_scratch(size), -EINVAL);
	build_kernel(ELFCLASS32);
	elf_build_put(scratch + 42, 16, 2); /* e_phentsize */
	cr_assert_eq(open_scratch(size), -EINVAL);
}

Test(elf, segment_outside_image_refused)
{
	size_t size = build_kernel(ELFCLASS64);
	struct elf_segment seg;

	put_field(1, "offset", size - 16);
	cr_assert_eq(open_scratch(size), 0, "elf_open does not judge segments");
	cr_assert_not(elf_segment(&image, 1, &seg));
	build_kernel(ELFCLASS64);
	put_field(1, "offset", UINT64_MAX - 8);
	cr_assert_eq(open_scratch(size), 0);
	cr_assert_not(elf_segment(&image, 1, &seg), "offset + filesz wraps");
	build_kernel(ELFCLASS64);
	put_field(1, "filesz", 0x100000);
	put_field(1, "memsz", 0x100000);
	cr_assert_eq(open_scratch(size), 0);
	cr_assert_not(elf_segment(&image, 1, &seg));
}

Test(elf, filesz_above_memsz_refused)
{
	size_t size = build_kernel(ELFCLASS32);
	struct elf_segment seg;

	put_field(2, "memsz", TEST_KERNEL_DATA_FILESZ - 1);
	cr_assert_eq(open_scratch(size), 0);
	cr_assert_not(elf_segment(&image, 2, &seg));
	cr_assert(elf_segment(&image, 1, &seg), "the other segments still read");
}

struct seen_notes {
	unsigned int count;
	uint32_t types[32];
	unsigned int stop_after;
};

static int record_note(const struct elf_note *note, void *context)
{
	struct seen_notes *seen = context;

	cr_assert_geq((const uint8_t *)note->name, image.data);
	cr_assert_leq((const uint8_t *)note->name + note->name_len, image.data + image.size);
	cr_assert_geq(note->desc, image.data);
	cr_assert_leq(note->desc + note->desc_len, image.data + image.size);
	cr_assert_lt(seen->count, 32);
	seen->types[seen->count++] = note->type;
	if (seen->stop_after && seen->count == seen->stop_after) {
		return 1234;
	}
	return 0;
}

Test(elf, notes_are_visited_in_order)
{
	size_t size = build_kernel(ELFCLASS64);
	struct seen_notes seen = {0};
	static const uint32_t expected[] = {
	    XEN_ELFNOTE_GUEST_OS,     XEN_ELFNOTE_GUEST_VERSION, XEN_ELFNOTE_LOADER,
	    XEN_ELFNOTE_XEN_VERSION,  XEN_ELFNOTE_PAE_MODE,	 XEN_ELFNOTE_VIRT_BASE,
	    XEN_ELFNOTE_PADDR_OFFSET, XEN_ELFNOTE_ENTRY,	 XEN_ELFNOTE_HYPERCALL_PAGE,
	    XEN_ELFNOTE_FEATURES,
	};

	cr_assert_eq(open_scratch(size), 0);
	cr_assert_eq(elf_for_each_note(&image, record_note, &seen), 0);
	cr_assert_eq(seen.count, ARRAY_SIZE(expected));
	for (unsigned int i = 0; i < ARRAY_SIZE(expected); i++) {
		cr_assert_eq(seen.types[i], expected[i], "note %u", i);
	}
}

static int check_name(const struct elf_note *note, void *context)
{
	(void)context;
	cr_assert_eq(note->name_len, 3, "trailing NULs are not part of the name");
	cr_assert_eq(memcmp(note->name, "Xen", 3), 0);
	return 0;
}

Test(elf, note_names_lose_their_nul)
{
	size_t size = build_kernel(ELFCLASS32);

	cr_assert_eq(open_scratch(size), 0);
	cr_assert_eq(elf_for_each_note(&image, check_name, NULL), 0);
}

Test(elf, callback_result_stops_the_walk)
{
	size_t size = build_kernel(ELFCLASS64);
	struct seen_notes seen = {.stop_after = 2};

	cr_assert_eq(open_scratch(size), 0);
	cr_assert_eq(elf_for_each_note(&image, record_note, &seen), 1234);
	cr_assert_eq(seen.count, 2);
}

/* Breaks the first note's header field at offset field_offset (0 namesz, 4 descsz). */
static int notes_with_bad_size(unsigned int field_offset, uint32_t value)
{
	size_t size = build_kernel(ELFCLASS64);
	struct seen_notes seen = {0};

	elf_build_put(scratch + elf_build_notes_offset(&b) + field_offset, value, 4);
	cr_assert_eq(open_scratch(size), 0);
	return elf_for_each_note(&image, record_note, &seen);
}

Test(elf, truncated_or_overflowing_notes_refused)
{
	cr_assert_eq(notes_with_bad_size(4, 0x10000), -EINVAL, "desc past the segment");
	cr_assert_eq(notes_with_bad_size(4, 0xffffffff), -EINVAL, "huge desc");
	cr_assert_eq(notes_with_bad_size(0, 0x10000), -EINVAL, "name past the segment");
	cr_assert_eq(notes_with_bad_size(0, 0xffffffff), -EINVAL, "huge name");
}

Test(elf, note_segment_outside_image_refused)
{
	size_t size = build_kernel(ELFCLASS32);
	struct seen_notes seen = {0};

	put_field(0, "filesz", size);
	put_field(0, "memsz", size);
	cr_assert_eq(open_scratch(size), 0);
	cr_assert_eq(elf_for_each_note(&image, record_note, &seen), -EINVAL);
	cr_assert_eq(seen.count, 0);
}

/* The standard kernel's last note (FEATURES) takes 60 bytes: 12 + 4 + 44. */
#define LAST_NOTE_SIZE 60

Test(elf, short_tail_after_last_note_ignored)
{
	size_t size = build_kernel(ELFCLASS64);
	struct seen_notes seen = {0};

	/* 8 bytes of the last note's header remain: too short to be a note. */
	put_field(0, "filesz", b.notes_len - LAST_NOTE_SIZE + 8);
	cr_assert_eq(open_scratch(size), 0);
	cr_assert_eq(elf_for_each_note(&image, record_note, &seen), 0);
	cr_assert_eq(seen.count, 9);
}

Test(elf, note_cut_inside_its_desc_refused)
{
	size_t size = build_kernel(ELFCLASS64);
	struct seen_notes seen = {0};

	put_field(0, "filesz", b.notes_len - 4);
	cr_assert_eq(open_scratch(size), 0);
	cr_assert_eq(elf_for_each_note(&image, record_note, &seen), -EINVAL);
	put_field(0, "filesz", b.notes_len - LAST_NOTE_SIZE + 16); /* header and name only */
	cr_assert_eq(open_scratch(size), 0);
	cr_assert_eq(elf_for_each_note(&image, record_note, &seen), -EINVAL);
}

Test(elf, notes_that_exactly_fill_the_segment)
{
	struct seen_notes seen = {0};
	size_t size;

	elf_build_init(&b, ELFCLASS64, EM_AARCH64, 0x1000);
	elf_build_note(&b, "Xen", 99, "abcd", 4);
	elf_build_note(&b, "GNU", 3, NULL, 0);
	size = elf_build_write(&b, scratch, sizeof(scratch));
	cr_assert_eq(size, elf_build_notes_offset(&b) + b.notes_len, "notes end the image");
	cr_assert_eq(open_scratch(size), 0);
	cr_assert_eq(elf_for_each_note(&image, record_note, &seen), 0);
	cr_assert_eq(seen.count, 2);
	cr_assert_eq(seen.types[1], 3);
}
