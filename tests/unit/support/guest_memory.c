/*
 * guest_memory.c: reading a domain's memory from the tests (see guest_memory.h).
 *
 * Walks the domain's p2m page by page, independently of domain_write_phys, so a test can
 * check what the domain builder wrote where the guest will look for it.
 */
#include <stdlib.h>

#include "fake.h"

#include "arch/config.h"
#include "elf_build.h"
#include "frame_alloc.h"
#include "guest_memory.h"

void guest_read_phys(const struct domain *d, uint64_t gpaddr, void *dst, size_t len)
{
	uint8_t *to = dst;

	while (len) {
		uint64_t offset = gpaddr % PAGE_SIZE;
		size_t chunk = PAGE_SIZE - offset < len ? PAGE_SIZE - offset : len;
		mfn_t frame = domain_pfn_to_mfn(d, pfn(gpaddr / PAGE_SIZE));

		if (!mfn_is_valid(frame)) {
			abort();
		}
		memcpy(to, (uint8_t *)frame_map(frame) + offset, chunk);
		gpaddr += chunk;
		to += chunk;
		len -= chunk;
	}
}

size_t fake_kernel_image(uint8_t *out, size_t capacity)
{
	struct elf_build b;

	elf_build_test_kernel(&b, ARCH_ELF_CLASS, ARCH_ELF_MACHINE);
	return elf_build_write(&b, out, capacity);
}
