/*
 * kernel_seeds.c: writes the kernel-image seed corpus (see kernel_seeds.h).
 *
 * Starting points for the fuzzer: the standard test kernel of both ELF classes and
 * machines, variants with missing or odd notes, a notes-only image, and the real guest
 * images when they have been built. Each seed is "<4-byte page count><image>".
 */
#include "kernel_seeds.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "elf.h"
#include "elf_build.h"
#include "public/elfnote.h"

#define SEED_MAX (1U << 22)

static int write_seed(const char *dir, const char *name, uint32_t pages, const uint8_t *image,
		      size_t size)
{
	char path[4096];
	uint8_t param[4] = {(uint8_t)pages, (uint8_t)(pages >> 8), (uint8_t)(pages >> 16),
			    (uint8_t)(pages >> 24)};
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "wb");
	if (!f || fwrite(param, 1, 4, f) != 4 || fwrite(image, 1, size, f) != size) {
		fprintf(stderr, "make-seeds: cannot write %s\n", path);
		if (f) {
			fclose(f);
		}
		return 1;
	}
	return fclose(f) != 0;
}

static int write_built(const char *dir, const char *name, uint32_t pages, const struct elf_build *b)
{
	static uint8_t image[65536];
	size_t size = elf_build_write(b, image, sizeof(image));

	return size ? write_seed(dir, name, pages, image, size) : 1;
}

static int write_synthetic(const char *dir)
{
	static const struct {
		unsigned int elf_class;
		unsigned int machine;
		const char *name;
	} kinds[] = {{ELFCLASS64, EM_AARCH64, "kernel64"}, {ELFCLASS32, EM_386, "kernel32"}};
	struct elf_build b;
	char name[64];
	int rc = 0;

	for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++) {
		elf_build_test_kernel(&b, kinds[i].elf_class, kinds[i].machine);
		snprintf(name, sizeof(name), "%s-2048", kinds[i].name);
		rc |= write_built(dir, name, 2048, &b);
		snprintf(name, sizeof(name), "%s-small", kinds[i].name);
		rc |= write_built(dir, name, 100, &b);
		elf_build_xen_string(&b, XEN_ELFNOTE_FEATURES, "!unknown|writable_page_tables");
		snprintf(name, sizeof(name), "%s-features", kinds[i].name);
		rc |= write_built(dir, name, 1024, &b);
		elf_build_init(&b, kinds[i].elf_class, kinds[i].machine, 0x400000);
		elf_build_xen_basics(&b);
		elf_build_note(&b, "GNU", 3, "abcdefgh", 8);
		snprintf(name, sizeof(name), "%s-notes-only", kinds[i].name);
		rc |= write_built(dir, name, 4096, &b);
	}
	return rc;
}

static int write_file_seed(const char *dir, const char *path, unsigned int index)
{
	uint8_t *image = malloc(SEED_MAX);
	FILE *f = fopen(path, "rb");
	char name[64];
	size_t size;
	int rc;

	if (!image || !f) {
		fprintf(stderr, "make-seeds: cannot read %s\n", path);
		free(image);
		if (f) {
			fclose(f);
		}
		return 1;
	}
	size = fread(image, 1, SEED_MAX, f);
	fclose(f);
	snprintf(name, sizeof(name), "image-%u", index);
	rc = write_seed(dir, name, 4096, image, size);
	free(image);
	return rc;
}

int kernel_seeds_write(const char *dir, int file_count, char **files)
{
	int rc = write_synthetic(dir);

	for (int i = 0; i < file_count; i++) {
		rc |= write_file_seed(dir, files[i], (unsigned int)i);
	}
	return rc;
}
