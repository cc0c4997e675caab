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
 *   - the boot page tables use a format deliberately unlike any real one (fake_pt.c), which
 *     fake_pt_translate walks.
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
 * A machine booted on the fake arch: RAM [0, FAKE_RAM_SIZE), the first 1 MiB reserved as
 * the "hypervisor image", the frame allocator initialised from it, console cleared.
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

/* Maps every page the boot page tables at root map (as the guest would see them). */
void fake_guest_map_pt(maddr_t root);

/* ---- escapes: machine stop and guest entry ---- */

enum fake_escape {
	FAKE_ESCAPE_NONE,
	FAKE_ESCAPE_STOP, /* arch_machine_stop */
	FAKE_ESCAPE_RUN,  /* arch_vcpu_run */
};

extern jmp_buf fake_escape_jmp;
void fake_escape_arm(void);
void fake_escape_disarm(void);
enum fake_escape fake_escape_taken(void);
enum machine_status fake_machine_status(void);
struct vcpu *fake_vcpu_last_run(void);
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

/* ---- the fake boot page-table format ---- */

/*
 * Root table (first frame): a header {magic, base VA, leaf count} and the machine frame
 * numbers of its leaf tables. Each leaf maps 1 MiB (256 pages) with 16-byte entries
 * {mfn, flags, ~mfn check}. No real MMU looks like this, on purpose.
 */
#define FAKE_PT_MAGIC 0x52494e474f50544bULL /* "RINGOPTK" */
#define FAKE_PT_LEAF_SPAN (1UL << 20)
#define FAKE_PT_LEAF_ENTRIES (FAKE_PT_LEAF_SPAN / PAGE_SIZE)
#define FAKE_PT_MAX_LEAVES ((PAGE_SIZE - 3 * sizeof(uint64_t)) / sizeof(uint64_t))
#define FAKE_PTE_PRESENT 0x100u
#define FAKE_PTE_WRITABLE 0x4000u

struct fake_pt_root {
	uint64_t magic;
	uint64_t base;
	uint64_t leaf_count;
	uint64_t leaf_mfn[FAKE_PT_MAX_LEAVES];
};

struct fake_pte {
	uint64_t mfn;
	uint32_t flags;
	uint32_t check; /* ~(uint32_t)mfn: catches a leaf read as the wrong thing */
};

/* Translates va through the tables at root; false when unmapped or the tables are bad. */
bool fake_pt_translate(maddr_t root, uint64_t va, mfn_t *frame, bool *writable);

/* ---- the hypercall page ---- */

/* Slot i of the fake hypercall page holds FAKE_HCALL_SLOT_MAGIC followed by i. */
#define FAKE_HCALL_SLOT_MAGIC 0xFA

#endif
