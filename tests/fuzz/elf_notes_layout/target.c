/*
 * target.c (elf_notes_layout): arbitrary bytes through the ELF reader, the Xen notes
 * parser and the start-of-day layout, checking what each promises.
 *
 * Input: a 4-byte page count, then the image (fuzz_check.h). Invariants: elf_open accepts
 * only program headers inside the image; every segment elf_segment accepts lies inside the
 * image with filesz <= memsz; every note handed out lies inside the image; the notes parser
 * agrees with the note walk and terminates guest_os; every layout boot_layout_compute
 * accepts keeps ABI.md's ordering, alignment and 4 MiB + 512 KiB rule within the guest's
 * address space and memory.
 */
#include "fake.h"

#include "arch/config.h"
#include "arch/domain_build.h"
#include "domain_build.h"
#include "elf.h"
#include "fuzz_check.h"
#include "public/errno.h"

#define MAP_ALIGN (4ULL << 20)
#define MAP_SPARE (512ULL << 10)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const uint8_t *image_base;
static size_t image_size;

static bool inside(const void *start, uint64_t len)
{
	const uint8_t *p = start;

	return p >= image_base && p <= image_base + image_size &&
	       len <= (uint64_t)(image_base + image_size - p);
}

static int check_note(const struct elf_note *note, void *context)
{
	unsigned int *count = context;

	FUZZ_ASSERT(inside(note->name, note->name_len));
	FUZZ_ASSERT(inside(note->desc, note->desc_len));
	(*count)++;
	return 0;
}

/* Checks every program header; returns the span of the PT_LOAD segments, if any. */
static bool check_segments(const struct elf_image *elf, uint64_t *lo, uint64_t *hi)
{
	struct elf_segment seg;
	bool found = false;

	FUZZ_ASSERT(inside(elf->data + elf->phoff, (uint64_t)elf->phnum * elf->phentsize));
	*lo = UINT64_MAX;
	*hi = 0;
	for (unsigned int i = 0; i < elf->phnum; i++) {
		if (!elf_segment(elf, i, &seg)) {
			continue;
		}
		FUZZ_ASSERT(seg.offset <= image_size && inside(elf->data + seg.offset, seg.filesz));
		FUZZ_ASSERT(seg.filesz <= seg.memsz);
		if (seg.type == PT_LOAD && seg.memsz && seg.vaddr + seg.memsz > seg.vaddr) {
			*lo = seg.vaddr < *lo ? seg.vaddr : *lo;
			*hi = seg.vaddr + seg.memsz > *hi ? seg.vaddr + seg.memsz : *hi;
			found = true;
		}
	}
	FUZZ_ASSERT(!elf_segment(elf, elf->phnum, &seg));
	return found;
}

static void check_notes(const struct elf_image *elf)
{
	struct xen_guest_params params;
	unsigned int count = 0;
	int walk = elf_for_each_note(elf, check_note, &count);
	int rc = xen_notes_parse(elf, &params);

	FUZZ_ASSERT(walk == 0 || walk == -EINVAL);
	FUZZ_ASSERT(rc == 0 || rc == -EINVAL);
	FUZZ_ASSERT(walk == 0 || rc == -EINVAL);
	if (rc == 0) {
		FUZZ_ASSERT(strnlen(params.guest_os, sizeof(params.guest_os)) <
			    sizeof(params.guest_os));
		FUZZ_ASSERT((params.features_required & ~params.features_supported) == 0);
		FUZZ_ASSERT(params.has_notes || (!params.has_entry && !params.loader_generic));
	}
}

static void check_layout(uint64_t virt_base, uint64_t start, uint64_t end, uint64_t nr_pages)
{
	struct boot_layout l;
	int rc = boot_layout_compute(&l, virt_base, start, end, nr_pages);

	FUZZ_ASSERT(rc == 0 || rc == -EINVAL || rc == -ENOMEM);
	if (rc) {
		return;
	}
	FUZZ_ASSERT(l.virt_base == virt_base && virt_base <= l.image_start);
	FUZZ_ASSERT(l.image_start <= start && start - l.image_start < PAGE_SIZE);
	FUZZ_ASSERT(l.image_end >= end && l.image_end - end < PAGE_SIZE);
	FUZZ_ASSERT(l.p2m_start == l.image_end);
	FUZZ_ASSERT(nr_pages <= (l.start_info - l.p2m_start) / sizeof(xen_pfn_t));
	FUZZ_ASSERT(l.pt_start == l.start_info + PAGE_SIZE);
	FUZZ_ASSERT(l.stack_start == l.pt_start + l.pt_frames * PAGE_SIZE);
	FUZZ_ASSERT(l.map_end >= l.stack_start + PAGE_SIZE + MAP_SPARE);
	FUZZ_ASSERT(l.map_end % MAP_ALIGN == 0 && l.map_end <= ARCH_GUEST_VA_LIMIT);
	FUZZ_ASSERT(l.pt_frames >= arch_boot_pt_frames(virt_base, l.map_end));
	FUZZ_ASSERT((l.map_end - virt_base) / PAGE_SIZE <= nr_pages);
	FUZZ_ASSERT((l.p2m_start | l.start_info | l.pt_start | l.stack_start) % PAGE_SIZE == 0);
}

/*
 * The page count: the parameter itself, or with its top bit set, k * 2^61 plus its low 29
 * bits, where a count of 8-byte entries wraps around (k = bits 29-30).
 */
static uint64_t page_count(uint32_t param)
{
	if (!(param & 0x80000000U)) {
		return param;
	}
	return ((uint64_t)(param >> 29 & 3) << 61) | (param & 0x1fffffffU);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct xen_guest_params params;
	struct elf_image elf;
	uint32_t param;
	uint64_t lo;
	uint64_t hi;
	int rc;

	if (!fuzz_split(data, size, &param, &image_base, &image_size)) {
		return 0;
	}
	rc = elf_open(&elf, image_base, image_size);
	FUZZ_ASSERT(rc == 0 || rc == -EINVAL);
	if (rc) {
		return 0;
	}
	check_notes(&elf);
	if (xen_notes_parse(&elf, &params)) {
		params.virt_base = 0;
	}
	if (check_segments(&elf, &lo, &hi)) {
		check_layout(params.virt_base, lo, hi, page_count(param));
	} else {
		check_layout(params.virt_base, elf.entry, elf.entry + image_size,
			     page_count(param));
	}
	return 0;
}
