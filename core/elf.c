/*
 * elf.c: a bounds-checked reader for ELF32 and ELF64 little-endian images.
 *
 * Fields are read by offset with explicit widths, so the same code reads both classes on
 * any host, and no structure of the file is ever dereferenced in place.
 */
#include "elf.h"
#include "lib.h"
#include "public/errno.h"

#define EI_CLASS 4
#define EI_DATA 5
#define ELFDATA2LSB 1
#define ELF32_EHDR_SIZE 52
#define ELF64_EHDR_SIZE 64
#define ELF32_PHDR_SIZE 32
#define ELF64_PHDR_SIZE 56

static uint64_t read_le(const uint8_t *p, unsigned int width)
{
	uint64_t value = 0;

	for (unsigned int i = width; i > 0; i--) {
		value = (value << 8) | p[i - 1];
	}
	return value;
}

/* True when [offset, offset + len) lies within an image of the given size. */
static bool in_image(size_t size, uint64_t offset, uint64_t len)
{
	return offset <= size && len <= size - offset;
}

int elf_open(struct elf_image *image, const void *data, size_t size)
{
	const uint8_t *p = data;
	bool is64;

	if (size < ELF32_EHDR_SIZE || memcmp(p, "\177ELF", 4) || p[EI_DATA] != ELFDATA2LSB) {
		return -EINVAL;
	}
	if (p[EI_CLASS] != ELFCLASS32 && p[EI_CLASS] != ELFCLASS64) {
		return -EINVAL;
	}
	is64 = p[EI_CLASS] == ELFCLASS64;
	if (is64 && size < ELF64_EHDR_SIZE) {
		return -EINVAL;
	}
	*image = (struct elf_image){
	    .data = p,
	    .size = size,
	    .elf_class = p[EI_CLASS],
	    .machine = (unsigned int)read_le(p + 18, 2),
	    .entry = read_le(p + 24, is64 ? 8 : 4),
	    .phoff = read_le(p + (is64 ? 32 : 28), is64 ? 8 : 4),
	    .phentsize = (unsigned int)read_le(p + (is64 ? 54 : 42), 2),
	    .phnum = (unsigned int)read_le(p + (is64 ? 56 : 44), 2),
	};
	if (image->phentsize < (is64 ? ELF64_PHDR_SIZE : ELF32_PHDR_SIZE) ||
	    !in_image(size, image->phoff, (uint64_t)image->phnum * image->phentsize)) {
		return -EINVAL;
	}
	return 0;
}

bool elf_segment(const struct elf_image *image, unsigned int index, struct elf_segment *out)
{
	const uint8_t *ph;

	if (index >= image->phnum) {
		return false;
	}
	ph = image->data + image->phoff + (uint64_t)index * image->phentsize;
	if (image->elf_class == ELFCLASS64) {
		*out = (struct elf_segment){
		    .type = (uint32_t)read_le(ph, 4),
		    .offset = read_le(ph + 8, 8),
		    .vaddr = read_le(ph + 16, 8),
		    .paddr = read_le(ph + 24, 8),
		    .filesz = read_le(ph + 32, 8),
		    .memsz = read_le(ph + 40, 8),
		};
	} else {
		*out = (struct elf_segment){
		    .type = (uint32_t)read_le(ph, 4),
		    .offset = read_le(ph + 4, 4),
		    .vaddr = read_le(ph + 8, 4),
		    .paddr = read_le(ph + 12, 4),
		    .filesz = read_le(ph + 16, 4),
		    .memsz = read_le(ph + 20, 4),
		};
	}
	return in_image(image->size, out->offset, out->filesz) && out->filesz <= out->memsz;
}

static uint64_t align4(uint64_t value)
{
	return (value + 3) & ~(uint64_t)3;
}

static int notes_in_segment(const struct elf_image *image, const struct elf_segment *seg,
			    elf_note_fn fn, void *context)
{
	const uint8_t *p = image->data + seg->offset;
	uint64_t pos = 0;

	while (pos + 12 <= seg->filesz) {
		uint64_t name_size = read_le(p + pos, 4);
		uint64_t desc_size = read_le(p + pos + 4, 4);
		uint64_t name_at = pos + 12;
		uint64_t desc_at = name_at + align4(name_size);
		struct elf_note note;
		int rc;

		if (desc_at > seg->filesz || desc_size > seg->filesz - desc_at) {
			return -EINVAL;
		}
		note = (struct elf_note){
		    .type = (uint32_t)read_le(p + pos + 8, 4),
		    .name = (const char *)p + name_at,
		    .name_len = strnlen((const char *)p + name_at, name_size),
		    .desc = p + desc_at,
		    .desc_len = desc_size,
		};
		rc = fn(&note, context);
		if (rc) {
			return rc;
		}
		pos = desc_at + align4(desc_size);
	}
	return 0;
}

int elf_for_each_note(const struct elf_image *image, elf_note_fn fn, void *context)
{
	struct elf_segment seg;

	for (unsigned int i = 0; i < image->phnum; i++) {
		if (!elf_segment(image, i, &seg)) {
			return -EINVAL;
		}
		if (seg.type == PT_NOTE) {
			int rc = notes_in_segment(image, &seg, fn, context);
			if (rc) {
				return rc;
			}
		}
	}
	return 0;
}
