/*
 * guest_access.c (fake arch): the current guest's address space, as a table of pages.
 *
 * Tests map guest pages onto host memory (fake_guest_map), or map what a domain's boot
 * page tables map (fake_guest_map_pt). The copy routines follow the contract: they stop
 * at the first unmapped page (or read-only page, when writing) and return how many bytes
 * were not copied, so the core's -EFAULT paths run for real. Direct views of pages
 * (arch_guest_page) are offered only when a suite asks (fake_guest_views).
 */
#include "fake.h"

#include "arch/config.h"
#include "arch/guest_access.h"
#include "arch/mm.h"

struct guest_page {
	uintptr_t va;
	uint8_t *host;
	bool writable;
};

static struct guest_page guest_pages[FAKE_GUEST_MAX_PAGES];
static unsigned int guest_page_count;

bool fake_guest_map(uintptr_t va, void *host, bool writable)
{
	if (guest_page_count >= FAKE_GUEST_MAX_PAGES || va % PAGE_SIZE) {
		return false;
	}
	guest_pages[guest_page_count++] = (struct guest_page){va, host, writable};
	return true;
}

static bool guest_views;

void fake_guest_unmap_all(void)
{
	guest_page_count = 0;
	guest_views = false;
}

void fake_guest_views(bool on)
{
	guest_views = on;
}

void fake_guest_map_pt(maddr_t root, uint64_t start, uint64_t end)
{
	for (uint64_t va = round_down_u64(start, PAGE_SIZE); va < end; va += PAGE_SIZE) {
		mfn_t frame;
		bool writable;

		if (fake_pt_translate(root, va, &frame, &writable)) {
			fake_guest_map((uintptr_t)va, arch_mm_maddr_to_virt(mfn_to_maddr(frame)),
				       writable);
		}
	}
}

static struct guest_page *lookup(uintptr_t va)
{
	for (unsigned int i = 0; i < guest_page_count; i++) {
		if (guest_pages[i].va == va - va % PAGE_SIZE) {
			return &guest_pages[i];
		}
	}
	return NULL;
}

bool arch_guest_range_ok(gvaddr_t start, size_t len)
{
	uintptr_t first = gvaddr_value(start);

	return first <= ARCH_GUEST_VA_LIMIT && len <= ARCH_GUEST_VA_LIMIT - first;
}

/* Copies page by page; to_guest selects the direction. Returns the bytes not copied. */
static size_t copy_pages(uintptr_t va, uint8_t *host, size_t len, bool to_guest)
{
	while (len) {
		struct guest_page *page = lookup(va);
		size_t offset = va % PAGE_SIZE;
		size_t chunk = PAGE_SIZE - offset < len ? PAGE_SIZE - offset : len;

		if (!page || (to_guest && !page->writable)) {
			return len;
		}
		if (to_guest) {
			memcpy(page->host + offset, host, chunk);
		} else {
			memcpy(host, page->host + offset, chunk);
		}
		va += chunk;
		host += chunk;
		len -= chunk;
	}
	return 0;
}

size_t arch_copy_from_guest(void *dst, gvaddr_t src, size_t len)
{
	return copy_pages(gvaddr_value(src), dst, len, false);
}

size_t arch_copy_to_guest(gvaddr_t dst, const void *src, size_t len)
{
	return copy_pages(gvaddr_value(dst), (uint8_t *)src, len, true);
}

/* The direct view of one mapped page, when the suite turned views on (fake_guest_views). */
void *arch_guest_page(gvaddr_t page, bool write)
{
	struct guest_page *p = guest_views ? lookup(gvaddr_value(page)) : NULL;

	if (!p || gvaddr_value(page) % PAGE_SIZE || (write && !p->writable)) {
		return NULL;
	}
	return p->host;
}
