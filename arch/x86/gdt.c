/*
 * gdt.c (x86): the GDT and the TSS.
 *
 * The GDT has all 8192 entries (64 KiB): 0..7167 hold the running vCPU's own GDT (set_gdt,
 * copied in by cpu_state.c) and 7168 onward are Ringo's (ABI.md section 2): the hypervisor's ring-0
 * code and data, the flat ring-1 and ring-3 segments every PV guest uses, and the TSS. The ring-1
 * and ring-3 segments end just below HYPERVISOR_VIRT_START: paging treats ring 1 as
 * supervisor, so the segment limit is what keeps a guest kernel out of the hypervisor.
 * The LDT, when the running vCPU has one (SET_LDT), is a validated copy of its LDT frames
 * kept beside the GDT in the trampoline, named by Ringo's GDT entry X86_LDT_SEL.
 * The TSS supplies the ring-0 stack for traps from a guest (the entry stack), the ring-1
 * stack the CPU switches to when ring 3 takes the direct `int $0x80` gate straight into
 * the guest kernel (the vCPU's stack_switch stack), and, with an I/O bitmap offset past
 * its limit, denies every port to rings 1-3 (the emulator decides, io.c). Both tables
 * are in the trampoline, read-only to guests, so every descriptor has its accessed bit
 * preset: the CPU never needs to write them.
 */
#include "check.h"
#include "plat/boot.h"
#include "plat/cpu_state.h"
#include "plat/layout.h"
#include "plat/paging.h"

#define DESC_PRESENT 0x80
#define DESC_DPL(ring) ((ring) << 5)
#define DESC_CODE_DATA 0x10
#define DESC_CODE 0x0b /* execute/read, accessed */
#define DESC_DATA 0x03 /* read/write, accessed (set so the CPU never writes the GDT) */
#define DESC_TSS32 0x09
#define DESC_LDT 0x02
#define DESC_FLAGS_4K_32BIT 0xc
#define DESC_FLAGS_BYTE_32BIT 0x4
#define DESC_CODE_DATA_BIT (1ULL << 44)
#define DESC_ACCESSED_BIT (1ULL << 40)

/* Segment limit, in 4 KiB units, of the guests' flat segments: up to 0xF57FFFFF. */
#define GUEST_LIMIT_PAGES ((X86_HYPERVISOR_START >> 12) - 1)
#define FLAT_LIMIT_PAGES 0xfffff

struct descriptor_pointer {
	uint16_t limit;
	uint32_t base;
} __attribute__((packed));

/* In the trampoline: the CPU reads these while the guest's page tables are loaded. */
static TRAMPOLINE_DATA alignas(PAGE_SIZE) uint64_t gdt[X86_GDT_ENTRIES];
static TRAMPOLINE_DATA alignas(PAGE_SIZE) uint64_t ldt[X86_LDT_ENTRIES];
TRAMPOLINE_DATA struct tss32 x86_tss;

static uint64_t segment_descriptor(uint32_t base, uint32_t limit, unsigned int access,
				   unsigned int flags)
{
	return (uint64_t)(limit & 0xffff) | (uint64_t)(base & 0xffffff) << 16 |
	       (uint64_t)access << 40 | (uint64_t)((limit >> 16) & 0xf) << 48 |
	       (uint64_t)flags << 52 | (uint64_t)(base >> 24) << 56;
}

static void gdt_set(unsigned int selector, uint64_t descriptor)
{
	gdt[selector >> 3] = descriptor;
}

static uint64_t flat_segment(unsigned int ring, unsigned int type, uint32_t limit_pages)
{
	return segment_descriptor(0, limit_pages,
				  DESC_PRESENT | DESC_DPL(ring) | DESC_CODE_DATA | type,
				  DESC_FLAGS_4K_32BIT);
}

static void gdt_fill(void)
{
	gdt_set(X86_HV_CS, flat_segment(0, DESC_CODE, FLAT_LIMIT_PAGES));
	gdt_set(X86_HV_DS, flat_segment(0, DESC_DATA, FLAT_LIMIT_PAGES));
	gdt_set(X86_RING1_CS, flat_segment(1, DESC_CODE, GUEST_LIMIT_PAGES));
	gdt_set(X86_RING1_DS, flat_segment(1, DESC_DATA, GUEST_LIMIT_PAGES));
	gdt_set(X86_RING3_CS, flat_segment(3, DESC_CODE, GUEST_LIMIT_PAGES));
	gdt_set(X86_RING3_DS, flat_segment(3, DESC_DATA, GUEST_LIMIT_PAGES));
	gdt_set(X86_TSS_SEL, segment_descriptor((uint32_t)(uintptr_t)&x86_tss, sizeof(x86_tss) - 1,
						DESC_PRESENT | DESC_TSS32, 0));
	gdt_set(X86_HV_GS, segment_descriptor((uint32_t)(uintptr_t)x86_stack_guard_area,
					      sizeof(x86_stack_guard_area) - 1,
					      DESC_PRESENT | DESC_CODE_DATA | DESC_DATA,
					      DESC_FLAGS_BYTE_32BIT));
}

static void tss_fill(void)
{
	x86_tss.esp0 = (uint32_t)(uintptr_t)x86_entry_stack_top;
	x86_tss.ss0 = X86_HV_DS;
	x86_tss.iomap_base = sizeof(x86_tss);
}

/*
 * Loads the GDT and reloads every segment register from it, then the task register; gs is
 * the stack-protector segment libfdt reads at boot (stack_protector.c).
 */
static void gdt_load(void)
{
	struct descriptor_pointer pointer = {sizeof(gdt) - 1, (uint32_t)(uintptr_t)gdt};

	__asm__ volatile("lgdt %0\n\t"
			 "ljmp %1, $1f\n"
			 "1:\tmov %2, %%ds\n\t"
			 "mov %2, %%es\n\t"
			 "mov %2, %%ss\n\t"
			 "mov %3, %%fs\n\t"
			 "mov %5, %%gs\n\t"
			 "ltr %w4"
			 :
			 : "m"(pointer), "i"(X86_HV_CS), "r"(X86_HV_DS), "r"(0), "r"(X86_TSS_SEL),
			   "r"(X86_HV_GS)
			 : "memory");
}

/* Code and data descriptors get the accessed bit: the CPU cannot write it here. */
static uint64_t preset_accessed(uint64_t descriptor)
{
	return descriptor & DESC_CODE_DATA_BIT ? descriptor | DESC_ACCESSED_BIT : descriptor;
}

void gdt_set_guest_entry(unsigned int index, uint64_t descriptor)
{
	CHECK(index < FIRST_RESERVED_GDT_ENTRY);
	gdt[index] = preset_accessed(descriptor);
}

void ldt_set_entry(unsigned int index, uint64_t descriptor)
{
	CHECK(index < X86_LDT_ENTRIES);
	ldt[index] = preset_accessed(descriptor);
}

void ldt_load(unsigned int entries)
{
	uint16_t selector = entries ? X86_LDT_SEL : 0;

	CHECK(entries <= X86_LDT_ENTRIES);
	if (entries) {
		gdt_set(X86_LDT_SEL,
			segment_descriptor((uint32_t)(uintptr_t)ldt, entries * sizeof(ldt[0]) - 1,
					   DESC_PRESENT | DESC_LDT, 0));
	}
	__asm__ volatile("lldt %0" : : "r"(selector) : "memory");
}

void gdt_init(void)
{
	tss_fill();
	gdt_fill();
	gdt_load();
}
