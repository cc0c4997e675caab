/*
 * descriptor.c (x86): the selectors and segment descriptors a guest may use (pure).
 *
 * A guest's own GDT fills entries 1..7167 of the hardware GDT; the entries from 7168 on
 * are Ringo's, of which a guest may name only the flat ring-1 and ring-3 segments (ABI.md
 * section 2). Ring 1 may hold no ring-0 selector, so:
 *
 *  - handler and stack selectors (trap table, callbacks, stack_switch) must carry RPL 1 and
 *    name the guest's GDT or the flat ring-1 segment (not the LDT, which Xen allows: a
 *    handler must not depend on which LDT is loaded); an iret frame or a call gate may
 *    name the LDT as well;
 *  - a present descriptor with DPL 0 is refused outright (Xen rewrites it to DPL 1; Ringo
 *    tells the guest instead), as is a 64-bit code segment;
 *  - a code or data segment must end below HYPERVISOR_VIRT_START without wrapping, which is
 *    what keeps ring 1 out of the hypervisor on a CPU that enforces segment limits; an
 *    expand-down segment is judged by the range it really covers;
 *  - the only system descriptor is a 32-bit call gate, whose target must be a guest
 *    selector (never the hypervisor's ring-0 code) and whose offset lies below the hole.
 *
 * Not-present descriptors are harmless (any use faults) and always accepted.
 */
#include "plat/descriptor.h"
#include "public/arch_x86.h"
#include "public/errno.h"
#include "public/xen.h"

#define SELECTOR_RPL_MASK 0x3
#define SELECTOR_TI_LDT 0x4
#define SELECTOR_INDEX_SHIFT 3

#define DESC_TYPE_SHIFT 40
#define DESC_TYPE_MASK 0xfULL
#define DESC_S (1ULL << 44)
#define DESC_DPL_SHIFT 45
#define DESC_P (1ULL << 47)
#define DESC_L (1ULL << 53)
#define DESC_DB (1ULL << 54)
#define DESC_G (1ULL << 55)

#define TYPE_CODE 0x8
#define TYPE_DATA_EXPAND_DOWN 0x4
#define TYPE_CALL_GATE32 0xc

static unsigned int selector_index(uint32_t selector)
{
	return (selector & 0xffff) >> SELECTOR_INDEX_SHIFT;
}

static bool same_entry(uint32_t selector, uint32_t flat)
{
	return (selector & 0xffff & ~SELECTOR_RPL_MASK) == (flat & ~SELECTOR_RPL_MASK);
}

static bool in_guest_gdt(uint32_t selector)
{
	unsigned int index = selector_index(selector);

	return !(selector & SELECTOR_TI_LDT) && index >= 1 && index < FIRST_RESERVED_GDT_ENTRY;
}

bool x86_selector_is_guest(uint32_t selector)
{
	if (selector > 0xffff) {
		return false;
	}
	if (selector & SELECTOR_TI_LDT) {
		return true; /* every LDT entry is the guest's, validated (ldt.c) */
	}
	return in_guest_gdt(selector) || same_entry(selector, FLAT_RING1_CS) ||
	       same_entry(selector, FLAT_RING1_DS) || same_entry(selector, FLAT_RING3_CS) ||
	       same_entry(selector, FLAT_RING3_DS);
}

bool x86_selector_is_kernel_code(uint32_t selector)
{
	return selector <= 0xffff && (selector & SELECTOR_RPL_MASK) == 1 &&
	       (in_guest_gdt(selector) || same_entry(selector, FLAT_RING1_CS));
}

bool x86_selector_is_kernel_stack(uint32_t selector)
{
	return selector <= 0xffff && (selector & SELECTOR_RPL_MASK) == 1 &&
	       (in_guest_gdt(selector) || same_entry(selector, FLAT_RING1_SS));
}

static unsigned int descriptor_type(uint64_t descriptor)
{
	return (unsigned int)((descriptor >> DESC_TYPE_SHIFT) & DESC_TYPE_MASK);
}

static uint64_t segment_base(uint64_t descriptor)
{
	return ((descriptor >> 16) & 0xffffff) | ((descriptor >> 56) << 24);
}

/* The highest offset of an expand-up segment (the limit, in bytes). */
static uint64_t segment_limit(uint64_t descriptor)
{
	uint64_t limit = (descriptor & 0xffff) | (((descriptor >> 48) & 0xf) << 16);

	return descriptor & DESC_G ? limit << 12 | 0xfff : limit;
}

/* True when the linear range [first, last] lies wholly below the hypervisor's hole. */
static bool below_hole(uint64_t first, uint64_t last)
{
	return first <= last && last < HYPERVISOR_VIRT_START_X86;
}

static int segment_check(uint64_t descriptor)
{
	unsigned int type = descriptor_type(descriptor);
	uint64_t base = segment_base(descriptor);
	uint64_t limit = segment_limit(descriptor);

	if (descriptor & DESC_L) {
		return -EINVAL;
	}
	if (!(type & TYPE_CODE) && (type & TYPE_DATA_EXPAND_DOWN)) {
		/* Valid offsets are (limit, top]: empty when the limit is the top already. */
		uint64_t top = descriptor & DESC_DB ? 0xffffffffULL : 0xffffULL;

		return limit >= top || below_hole(base + limit + 1, base + top) ? 0 : -EINVAL;
	}
	return below_hole(base, base + limit) ? 0 : -EINVAL;
}

static int call_gate_check(uint64_t descriptor)
{
	uint32_t target = (uint32_t)(descriptor >> 16) & 0xffff;
	uint64_t offset = (descriptor & 0xffff) | ((descriptor >> 48) << 16);

	if (!x86_selector_is_guest(target) || offset >= HYPERVISOR_VIRT_START_X86) {
		return -EINVAL;
	}
	return 0;
}

int x86_descriptor_check(uint64_t descriptor)
{
	if (!(descriptor & DESC_P)) {
		return 0;
	}
	if (((descriptor >> DESC_DPL_SHIFT) & 3) == 0) {
		return -EINVAL;
	}
	if (descriptor & DESC_S) {
		return segment_check(descriptor);
	}
	return descriptor_type(descriptor) == TYPE_CALL_GATE32 ? call_gate_check(descriptor)
							       : -EINVAL;
}
