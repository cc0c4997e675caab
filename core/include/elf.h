/*
 * elf.h: reading guest kernel images (ELF32 on x86, ELF64 on ARM64).
 *
 * The reader is class-neutral: it checks the header, keeps every program header and note
 * inside the image, and presents segments and notes in one 64-bit form. It never trusts a
 * size or offset from the file without checking it against the image size.
 */
#ifndef RINGO_ELF_H
#define RINGO_ELF_H

#include "types.h"

#define ELFCLASS32 1
#define ELFCLASS64 2
#define EM_386 3
#define EM_AARCH64 183
#define PT_LOAD 1
#define PT_NOTE 4

struct elf_image {
	const uint8_t *data;
	size_t size;
	unsigned int elf_class;
	unsigned int machine;
	uint64_t entry;
	uint64_t phoff;
	unsigned int phnum;
	unsigned int phentsize;
};

struct elf_segment {
	uint32_t type;
	uint64_t offset;
	uint64_t vaddr;
	uint64_t paddr;
	uint64_t filesz;
	uint64_t memsz;
};

struct elf_note {
	uint32_t type;
	const char *name; /* not terminated: name_len bytes, trailing NULs removed */
	size_t name_len;
	const uint8_t *desc;
	size_t desc_len;
};

/* 0, or -EINVAL for anything malformed; the class and machine are not judged here. */
int elf_open(struct elf_image *image, const void *data, size_t size);

/* Reads program header index (< phnum); false if it lies outside the image. */
bool elf_segment(const struct elf_image *image, unsigned int index, struct elf_segment *out);

typedef int (*elf_note_fn)(const struct elf_note *note, void *context);

/* Calls fn for each note in each PT_NOTE segment; stops at the first nonzero result. */
int elf_for_each_note(const struct elf_image *image, elf_note_fn fn, void *context);

#endif
