/*
 * elf_build.h: writes small ELF32/ELF64 images for the tests and the fuzz seed corpus.
 *
 * A test describes its image (class, machine, entry, PT_LOAD segments, notes), writes it
 * into a buffer, and may then corrupt any field by offset (elf_build_phdr_offset...) to
 * check that the reader refuses it. Layout of the written image: ELF header, program
 * headers (the PT_NOTE one first when there are notes), the notes, then each segment's
 * file bytes, 8-byte aligned.
 */
#ifndef RINGO_TEST_ELF_BUILD_H
#define RINGO_TEST_ELF_BUILD_H

#include <stddef.h>
#include <stdint.h>

#define ELF_BUILD_MAX_SEGMENTS 8
#define ELF_BUILD_NOTES_MAX 2048

struct elf_build_segment {
	uint32_t type;
	uint64_t vaddr;
	uint64_t memsz;
	const void *data;
	size_t filesz;
};

struct elf_build {
	unsigned int elf_class; /* ELFCLASS32 or ELFCLASS64 */
	unsigned int machine;
	uint64_t entry;
	struct elf_build_segment segments[ELF_BUILD_MAX_SEGMENTS];
	unsigned int segment_count;
	uint8_t notes[ELF_BUILD_NOTES_MAX];
	size_t notes_len;
};

void elf_build_init(struct elf_build *b, unsigned int elf_class, unsigned int machine,
		    uint64_t entry);
void elf_build_segment(struct elf_build *b, uint32_t type, uint64_t vaddr, const void *data,
		       size_t filesz, uint64_t memsz);
void elf_build_load(struct elf_build *b, uint64_t vaddr, const void *data, size_t filesz,
		    uint64_t memsz);

/* A note with any name (name_size counts the NUL, as the ELF spec does). */
void elf_build_note(struct elf_build *b, const char *name, uint32_t type, const void *desc,
		    size_t desc_len);
/* "Xen" notes: a string (its NUL included) and little-endian numbers of 4 or 8 bytes. */
void elf_build_xen_string(struct elf_build *b, uint32_t type, const char *text);
void elf_build_xen_u32(struct elf_build *b, uint32_t type, uint32_t value);
void elf_build_xen_u64(struct elf_build *b, uint32_t type, uint64_t value);

/* The notes every valid PV kernel carries: LOADER, XEN_VERSION, GUEST_OS, PAE_MODE. */
void elf_build_xen_basics(struct elf_build *b);

/* Writes the image; returns its size, or 0 when capacity is too small. */
size_t elf_build_write(const struct elf_build *b, uint8_t *out, size_t capacity);

size_t elf_build_ehdr_size(const struct elf_build *b);
size_t elf_build_phentsize(const struct elf_build *b);
unsigned int elf_build_phnum(const struct elf_build *b);
size_t elf_build_phdr_offset(const struct elf_build *b, unsigned int index);
size_t elf_build_notes_offset(const struct elf_build *b);

/* Field offsets inside one program header, by class. */
size_t elf_build_ph_field(const struct elf_build *b, const char *field);

/* Little-endian stores, for corrupting fields of a written image. */
void elf_build_put(uint8_t *at, uint64_t value, unsigned int width);

/*
 * The standard test kernel (see TEST_KERNEL_* below): a text segment (entry, a marker, the
 * hypercall page) and a data segment whose memsz exceeds its filesz, with every note a
 * Ringo PV kernel needs, including HYPERCALL_PAGE and VIRT_BASE.
 */
#define TEST_KERNEL_VIRT_BASE 0xC0000000ULL
#define TEST_KERNEL_ENTRY (TEST_KERNEL_VIRT_BASE + 0x10)
#define TEST_KERNEL_HYPERCALL_PAGE (TEST_KERNEL_VIRT_BASE + 0x1000)
#define TEST_KERNEL_DATA (TEST_KERNEL_VIRT_BASE + 0x2000)
#define TEST_KERNEL_DATA_FILESZ 0x100
#define TEST_KERNEL_DATA_MEMSZ 0x3000
#define TEST_KERNEL_END (TEST_KERNEL_DATA + TEST_KERNEL_DATA_MEMSZ)
#define TEST_KERNEL_TEXT_BYTE 0x5A
#define TEST_KERNEL_DATA_BYTE 0xD7

void elf_build_test_kernel(struct elf_build *b, unsigned int elf_class, unsigned int machine);

#endif
