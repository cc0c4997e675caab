/*
 * fake.h: the host-test arch, seen from the tests.
 *
 * The fake arch implements every function of the arch contract (core/include/arch/) on the host:
 *   - machine RAM is one page-aligned array; machine address A is fake_ram + A, and the
 *     "direct map" ends where the tests say (fake_mm_set_directmap_end);
 *   - the console is captured in a buffer the tests read (fake_console_text);
 *   - the current guest's address space is a table of mapped pages the tests fill
 *     (fake_guest_map), or that fake_guest_map_pt fills from a domain's boot page tables;
 *   - stopping the machine or entering a guest records what happened and escapes back to
 *     the test through FAKE_CATCH_ESCAPE (or aborts when no test is waiting for it);
 *   - page tables use a format deliberately unlike any real one (pt_format.c), with a
 *     hypervisor-sharing table; the boot tables (pt_build.c) are built and walked
 *     (fake_pt_translate) through arch/pt.h alone, so they work over a real format too;
 *   - TLB flushes, cache flushes and base-register loads are counted for the tests.
 * Each Criterion test runs in its own process, so every test starts with fresh state.
 */
#ifndef RINGO_FAKE_H
#define RINGO_FAKE_H

#include <setjmp.h>

#include "host_names.h"

#include "addr.h"
#include "bootinfo.h"
#include "domain.h"
#include "lib.h"
#include "shutdown.h"

/* ---- machine memory ---- */

#define FAKE_RAM_SIZE (32UL << 20)
#define FAKE_RAM_POISON 0xA5

extern uint8_t fake_ram[FAKE_RAM_SIZE];

/* Fills RAM with FAKE_RAM_POISON and makes all of it reachable again. */
void fake_mm_reset(void);
void fake_mm_set_directmap_end(maddr_t end);

/*
 * A machine booted on the fake arch as core_start boots it: RAM [0, FAKE_RAM_SIZE), the
 * first 1 MiB reserved as the "hypervisor image", the frame allocator, frame table and M2P
 * initialised, console cleared.
 */
void fake_boot(void);
#define FAKE_BOOT_RESERVED (1UL << 20)

/* ---- console ---- */

/* Everything printed since the last clear, NUL-terminated. */
const char *fake_console_text(void);
void fake_console_clear(void);
bool fake_console_contains(const char *text);

/* ---- the current guest's address space ---- */

#define FAKE_GUEST_MAX_PAGES 4096

/* Maps guest page va (page-aligned) to the host page at host; false when the table is full. */
bool fake_guest_map(uintptr_t va, void *host, bool writable);
void fake_guest_unmap_all(void);

/* Maps every page of [start, end) the page tables at root map, as the guest sees them. */
void fake_guest_map_pt(maddr_t root, uint64_t start, uint64_t end);

/*
 * Whether the fake offers direct views of guest pages (the optional arch_guest_page, as
 * x86 and ARM64 do): off after fake_boot (the core's default, no views, so batches copy);
 * a suite that wants the in-place paths (mmu_update) turns it on.
 */
void fake_guest_views(bool on);

/* ---- escapes: machine stop and guest entry ---- */

enum fake_escape {
	FAKE_ESCAPE_NONE,
	FAKE_ESCAPE_STOP, /* arch_machine_stop */
	FAKE_ESCAPE_RUN,  /* arch_vcpu_run */
	FAKE_ESCAPE_IDLE, /* arch_idle with no deadline armed: it would wait forever */
};

extern jmp_buf fake_escape_jmp;
void fake_escape_arm(void);
void fake_escape_disarm(void);
enum fake_escape fake_escape_taken(void);
enum machine_status fake_machine_status(void);
struct vcpu *fake_vcpu_last_run(void);
noreturn void fake_escape_idle(void);
unsigned int fake_vcpu_destroy_count(void);

/*
 * Runs stmt; if it stops the machine or enters a guest, control comes back here and
 * fake_escape_taken() says which. Locals changed inside stmt must be volatile.
 */
#define FAKE_CATCH_ESCAPE(stmt)                     \
	do {                                        \
		fake_escape_arm();                  \
		if (setjmp(fake_escape_jmp) == 0) { \
			stmt;                       \
			fake_escape_disarm();       \
		}                                   \
	} while (0)

/* ---- the fake page-table format (pt_format.c) and boot tables (pt_build.c) ---- */

/*
 * Three levels over a 4 GiB space, unlike any real MMU on purpose: an L3 of 8 entries
 * (512 MiB each), L2s of 512 entries (1 MiB each), L1s of only 256 entries, which use the
 * first half of their frame. Entries are 64 bits with the frame number at bits 16-51 and
 * the flags scattered below. Above level 1 an entry must carry FAKE_PTE_TABLE (without it
 * it would be a superpage, which arch_pte_check refuses); FAKE_PTE_UNCACHED (device memory)
 * and FAKE_PTE_HYPERVISOR are never a guest's. The L2 under L3 slot FAKE_HV_L3_SLOT shares
 * the hypervisor's part: its slots from FAKE_HV_FIRST_SLOT (VA 0xF0000000 up) are reserved
 * and hold FAKE_HV_ENTRY(i), naming hypervisor frames below the allocator's RAM.
 */
#define FAKE_L1_ENTRIES 256U
#define FAKE_L2_ENTRIES 512U
#define FAKE_L3_ENTRIES 8U
#define FAKE_L1_SPAN ((uint64_t)FAKE_L1_ENTRIES * PAGE_SIZE)
#define FAKE_L2_SPAN ((uint64_t)FAKE_L2_ENTRIES * FAKE_L1_SPAN)
#define FAKE_HV_L3_SLOT 7U
#define FAKE_HV_FIRST_SLOT ((unsigned int)((0xF0000000ULL % FAKE_L2_SPAN) / FAKE_L1_SPAN))

#define FAKE_PTE_TABLE (1ULL << 1)
#define FAKE_PTE_USER (1ULL << 3)
#define FAKE_PTE_UNCACHED (1ULL << 4)
#define FAKE_PTE_SOFTWARE (1ULL << 5) /* free for the guest */
#define FAKE_PTE_WRITABLE (1ULL << 9)
#define FAKE_PTE_MFN_SHIFT 16
#define FAKE_PTE_MFN_MASK (((1ULL << 36) - 1) << FAKE_PTE_MFN_SHIFT)
#define FAKE_PTE_ACCESSED (1ULL << 60)
#define FAKE_PTE_DIRTY (1ULL << 61)
#define FAKE_PTE_PRESENT (1ULL << 62)
#define FAKE_PTE_HYPERVISOR (1ULL << 63)

#define FAKE_HV_ENTRY(i)                                           \
	(FAKE_PTE_HYPERVISOR | FAKE_PTE_PRESENT | FAKE_PTE_TABLE | \
	 ((uint64_t)((i)-FAKE_HV_FIRST_SLOT) << FAKE_PTE_MFN_SHIFT))

/*
 * Translates va through the tables at root with arch/pt.h's primitives (so it works over
 * whichever format is linked); false when unmapped or a table lies outside RAM.
 */
bool fake_pt_translate(maddr_t root, uint64_t va, mfn_t *frame, bool *writable);

/* ---- TLB and cache maintenance, the base register, LDT (tlb.c, machine.c) ---- */

unsigned int fake_tlb_flush_count(void);
unsigned int fake_tlb_invlpg_count(void);
uint64_t fake_tlb_last_invlpg(void);
unsigned int fake_cache_flush_count(void);
unsigned int fake_vcpu_set_pt_base_count(void);

/* ---- time, the one-shot timer and idle (time.c), the upcall (event.c) ---- */

#define FAKE_TIME_HZ 1000000000ULL /* the counter's default rate: 1 GHz */
#define FAKE_WALLCLOCK_SEC 1700000000ULL

/* Set before time_init(): the counter's rate and value, the RTC, the guest's offset. */
void fake_time_set_hz(uint64_t hz);
void fake_time_set_counter(uint64_t ticks);
void fake_time_set_wallclock(bool present, uint64_t seconds);
void fake_time_set_guest_offset(uint64_t ticks);
/* Moves the counter on by ns of system time (after time_init()). */
void fake_time_advance_ns(uint64_t ns);
/* The deadline last armed (TIME_NEVER: disarmed), and how many times one was armed. */
uint64_t fake_timer_deadline(void);
unsigned int fake_timer_set_count(void);
/* Jumps time to the armed deadline and takes the interrupt; false when none is armed. */
bool fake_timer_fire(void);
unsigned int fake_idle_count(void);
unsigned int fake_upcall_count(void);
const struct vcpu *fake_upcall_last(void);

/* ---- the hypercall page ---- */

/* Slot i of the fake hypercall page holds FAKE_HCALL_SLOT_MAGIC followed by i. */
#define FAKE_HCALL_SLOT_MAGIC 0xFA

#endif
