/*
 * elf_build.c: the synthetic ELF writer of the tests (see elf_build.h).
 *
 * Written from the ELF specification's field offsets, independently of core/elf.c, so a
 * misread field in the reader shows up as a failing test rather than as two agreeing bugs.
 */
#include "elf_build.h"

#include <stdlib.h>
#include <string.h>

#include "elf.h"
#include "public/elfnote.h"

#define ELF_NOTE_ALIGN 4

void elf_build_init(struct elf_build *b, unsigned int elf_class, unsigned int machine,
		    uint64_t entry)
{
	memset(b, 0, sizeof(*b));
	b->elf_class = elf_class;
	b->machine = machine;
	b->entry = entry;
}

void elf_build_segment(struct elf_build *b, uint32_t type, uint64_t vaddr, const void *data,
		       size_t filesz, uint64_t memsz)
{
	if (b->segment_count >= ELF_BUILD_MAX_SEGMENTS) {
		abort();
	}
	b->segments[b->segment_count++] = (struct elf_build_segment){
	    .type = type, .vaddr = vaddr, .memsz = memsz, .data = data, .filesz = filesz};
}

void elf_build_load(struct elf_build *b, uint64_t vaddr, const void *data, size_t filesz,
		    uint64_t memsz)
{
	elf_build_segment(b, PT_LOAD, vaddr, data, filesz, memsz);
}

void elf_build_put(uint8_t *at, uint64_t value, unsigned int width)
{
	for (unsigned int i = 0; i < width; i++) {
		at[i] = (uint8_t)(value >> (8 * i));
	}
}

static size_t align_up(size_t value, size_t align)
{
	return (value + align - 1) / align * align;
}

static void notes_append(struct elf_build *b, const void *data, size_t len)
{
	if (b->notes_len + align_up(len, ELF_NOTE_ALIGN) > sizeof(b->notes)) {
		abort();
	}
	memcpy(b->notes + b->notes_len, data, len);
	b->notes_len += align_up(len, ELF_NOTE_ALIGN);
}

void elf_build_note(struct elf_build *b, const char *name, uint32_t type, const void *desc,
		    size_t desc_len)
{
	uint8_t header[12];
	size_t name_size = strlen(name) + 1;

	elf_build_put(header, name_size, 4);
	elf_build_put(header + 4, desc_len, 4);
	elf_build_put(header + 8, type, 4);
	notes_append(b, header, sizeof(header));
	notes_append(b, name, name_size);
	if (desc_len) {
		notes_append(b, desc, desc_len);
	}
}

void elf_build_xen_string(struct elf_build *b, uint32_t type, const char *text)
{
	elf_build_note(b, XEN_ELFNOTE_NAME, type, text, strlen(text) + 1);
}

void elf_build_xen_u32(struct elf_build *b, uint32_t type, uint32_t value)
{
	uint8_t desc[4];

	elf_build_put(desc, value, 4);
	elf_build_note(b, XEN_ELFNOTE_NAME, type, desc, sizeof(desc));
}

void elf_build_xen_u64(struct elf_build *b, uint32_t type, uint64_t value)
{
	uint8_t desc[8];

	elf_build_put(desc, value, 8);
	elf_build_note(b, XEN_ELFNOTE_NAME, type, desc, sizeof(desc));
}

void elf_build_xen_basics(struct elf_build *b)
{
	elf_build_xen_string(b, XEN_ELFNOTE_GUEST_OS, "ringo-test");
	elf_build_xen_string(b, XEN_ELFNOTE_GUEST_VERSION, "1.0");
	elf_build_xen_string(b, XEN_ELFNOTE_LOADER, "generic");
	elf_build_xen_string(b, XEN_ELFNOTE_XEN_VERSION, "xen-3.0");
	elf_build_xen_string(b, XEN_ELFNOTE_PAE_MODE, "yes");
}

static bool is64(const struct elf_build *b)
{
	return b->elf_class == ELFCLASS64;
}

size_t elf_build_ehdr_size(const struct elf_build *b)
{
	return is64(b) ? 64 : 52;
}

size_t elf_build_phentsize(const struct elf_build *b)
{
	return is64(b) ? 56 : 32;
}

unsigned int elf_build_phnum(const struct elf_build *b)
{
	return b->segment_count + (b->notes_len ? 1 : 0);
}

size_t elf_build_phdr_offset(const struct elf_build *b, unsigned int index)
{
	return elf_build_ehdr_size(b) + index * elf_build_phentsize(b);
}

size_t elf_build_notes_offset(const struct elf_build *b)
{
	return elf_build_phdr_offset(b, elf_build_phnum(b));
}

size_t elf_build_ph_field(const struct elf_build *b, const char *field)
{
	static const struct {
		const char *name;
		size_t off32;
		size_t off64;
	} fields[] = {
	    {"type", 0, 0},	{"offset", 4, 8},  {"vaddr", 8, 16}, {"paddr", 12, 24},
	    {"filesz", 16, 32}, {"memsz", 20, 40}, {"flags", 24, 4}, {"align", 28, 48},
	};

	for (size_t i = 0; i < sizeof(fields) / sizeof(fields[0]); i++) {
		if (!strcmp(fields[i].name, field)) {
			return is64(b) ? fields[i].off64 : fields[i].off32;
		}
	}
	abort();
}

static void write_ehdr(const struct elf_build *b, uint8_t *out)
{
	size_t word = is64(b) ? 8 : 4;
	size_t after_entry = 24 + word; /* e_phoff, then e_shoff */

	memcpy(out, "\177ELF", 4);
	out[4] = (uint8_t)b->elf_class;
	out[5] = 1;		       /* little-endian */
	out[6] = 1;		       /* EV_CURRENT */
	elf_build_put(out + 16, 2, 2); /* ET_EXEC */
	elf_build_put(out + 18, b->machine, 2);
	elf_build_put(out + 20, 1, 4);
	elf_build_put(out + 24, b->entry, (unsigned int)word);
	elf_build_put(out + after_entry, elf_build_ehdr_size(b), (unsigned int)word);
	elf_build_put(out + after_entry + 2 * word + 4, elf_build_ehdr_size(b), 2);
	elf_build_put(out + after_entry + 2 * word + 6, elf_build_phentsize(b), 2);
	elf_build_put(out + after_entry + 2 * word + 8, elf_build_phnum(b), 2);
}

static void write_phdr(const struct elf_build *b, uint8_t *ph, const struct elf_build_segment *s,
		       uint64_t offset)
{
	unsigned int word = is64(b) ? 8 : 4;

	elf_build_put(ph + elf_build_ph_field(b, "type"), s->type, 4);
	elf_build_put(ph + elf_build_ph_field(b, "flags"), 7, 4);
	elf_build_put(ph + elf_build_ph_field(b, "offset"), offset, word);
	elf_build_put(ph + elf_build_ph_field(b, "vaddr"), s->vaddr, word);
	elf_build_put(ph + elf_build_ph_field(b, "paddr"), s->vaddr, word);
	elf_build_put(ph + elf_build_ph_field(b, "filesz"), s->filesz, word);
	elf_build_put(ph + elf_build_ph_field(b, "memsz"), s->memsz, word);
	elf_build_put(ph + elf_build_ph_field(b, "align"), s->type == PT_NOTE ? 4 : 0x1000, word);
}

static size_t image_size(const struct elf_build *b)
{
	size_t size = elf_build_notes_offset(b) + b->notes_len;

	for (unsigned int i = 0; i < b->segment_count; i++) {
		size = align_up(size, 8) + b->segments[i].filesz;
	}
	return size;
}

size_t elf_build_write(const struct elf_build *b, uint8_t *out, size_t capacity)
{
	size_t size = image_size(b);
	size_t offset = elf_build_notes_offset(b);
	unsigned int ph = 0;

	if (size > capacity) {
		return 0;
	}
	memset(out, 0, size);
	write_ehdr(b, out);
	if (b->notes_len) {
		struct elf_build_segment notes = {
		    .type = PT_NOTE, .filesz = b->notes_len, .memsz = b->notes_len};

		write_phdr(b, out + elf_build_phdr_offset(b, ph++), &notes, offset);
		memcpy(out + offset, b->notes, b->notes_len);
		offset += b->notes_len;
	}
	for (unsigned int i = 0; i < b->segment_count; i++) {
		const struct elf_build_segment *s = &b->segments[i];

		offset = align_up(offset, 8);
		write_phdr(b, out + elf_build_phdr_offset(b, ph++), s, offset);
		if (s->filesz) {
			memcpy(out + offset, s->data, s->filesz);
		}
		offset += s->filesz;
	}
	return size;
}

void elf_build_test_kernel(struct elf_build *b, unsigned int elf_class, unsigned int machine)
{
	static uint8_t text[0x2000];
	static uint8_t data[TEST_KERNEL_DATA_FILESZ];

	memset(text, TEST_KERNEL_TEXT_BYTE, 0x1000);
	memset(text + 0x1000, 0, 0x1000); /* the hypercall page, filled by the builder */
	memset(data, TEST_KERNEL_DATA_BYTE, sizeof(data));
	elf_build_init(b, elf_class, machine, TEST_KERNEL_ENTRY);
	elf_build_load(b, TEST_KERNEL_VIRT_BASE, text, sizeof(text), sizeof(text));
	elf_build_load(b, TEST_KERNEL_DATA, data, sizeof(data), TEST_KERNEL_DATA_MEMSZ);
	elf_build_xen_basics(b);
	elf_build_xen_u64(b, XEN_ELFNOTE_VIRT_BASE, TEST_KERNEL_VIRT_BASE);
	elf_build_xen_u64(b, XEN_ELFNOTE_PADDR_OFFSET, TEST_KERNEL_VIRT_BASE);
	elf_build_xen_u64(b, XEN_ELFNOTE_ENTRY, TEST_KERNEL_ENTRY);
	elf_build_xen_u64(b, XEN_ELFNOTE_HYPERCALL_PAGE, TEST_KERNEL_HYPERCALL_PAGE);
	elf_build_xen_string(b, XEN_ELFNOTE_FEATURES, "writable_page_tables|!pae_pgdir_above_4gb");
}
