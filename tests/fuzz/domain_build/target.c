/*
 * target.c (domain_build): arbitrary kernels through domain_build on the fake arch, with
 * the domain torn down after each.
 *
 * Input: a 4-byte parameter (the page count is 1 + param % 4096), then the kernel image.
 * Invariants: a refused kernel leaves the domain without memory and the allocator's count
 * unchanged; a built domain has exactly the memory asked for, its vCPU starts at a mapped
 * entry with a mapped writable stack, start_info is where the vCPU's register says and
 * names the top page table, which the guest sees read-only; after shutdown every frame is
 * back. The fake arch aborts on any access outside machine RAM.
 */
#include "fake.h"

#include "arch/config.h"
#include "domain_build.h"
#include "frame_alloc.h"
#include "fuzz_check.h"
#include "public/errno.h"
#include "public/sched.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static uint64_t free_at_start;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fake_boot();
	free_at_start = frame_free_count();
	return 0;
}

/* Translates va through the domain's boot tables; aborts when unmapped. */
static void *map_va(maddr_t root, uint64_t va, bool *writable)
{
	mfn_t frame;

	FUZZ_ASSERT(fake_pt_translate(root, va, &frame, writable));
	return (uint8_t *)frame_map(frame) + va % PAGE_SIZE;
}

static void check_built(const struct domain *d, uint64_t nr_pages)
{
	const struct arch_vcpu *v = &d->vcpu[0].arch;
	const struct start_info *info;
	bool writable;
	mfn_t top;

	FUZZ_ASSERT(d->nr_pages == nr_pages && v->started);
	map_va(v->pt_base, v->entry, &writable);
	map_va(v->pt_base, v->stack_top - 1, &writable);
	FUZZ_ASSERT(writable);
	FUZZ_ASSERT(v->start_info % PAGE_SIZE == 0);
	info = map_va(v->pt_base, v->start_info, &writable);
	FUZZ_ASSERT(writable && info->nr_pages == nr_pages);
	FUZZ_ASSERT(strncmp(info->magic, ARCH_START_INFO_MAGIC, sizeof(info->magic)) == 0);
	FUZZ_ASSERT(fake_pt_translate(v->pt_base, info->pt_base, &top, &writable));
	FUZZ_ASSERT(!writable && maddr_value(mfn_to_maddr(top)) == maddr_value(v->pt_base));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *image;
	size_t image_size;
	uint32_t param;
	struct domain *d;
	uint64_t before;
	uint64_t nr_pages;
	int rc;

	if (!fuzz_split(data, size, &param, &image, &image_size)) {
		return 0;
	}
	nr_pages = 1 + param % 4096;
	fake_console_clear();
	d = domain_create(1, false);
	FUZZ_ASSERT(d != NULL);
	before = frame_free_count();
	rc = domain_build(d, image, image_size, nr_pages, "fuzz", 0);
	if (rc) {
		FUZZ_ASSERT(rc == -EINVAL || rc == -ENOMEM);
		FUZZ_ASSERT(d->nr_pages == 0 && d->p2m == NULL && !d->vcpu[0].arch.started);
		FUZZ_ASSERT(frame_free_count() == before);
	} else {
		check_built(d, nr_pages);
	}
	domain_shutdown(d, SHUTDOWN_poweroff);
	FUZZ_ASSERT(frame_free_count() == free_at_start);
	return 0;
}
