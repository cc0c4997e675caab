/*
 * test_frame_alloc.c: the machine frame allocator (core/frame_alloc.c).
 *
 * Counts after init (whole frames only, reserved ranges and frame 0 excluded, clipped to
 * the direct map), zeroed frames, contiguous runs, exhaustion and reuse after free.
 */
#include <criterion/criterion.h>

#include "fake.h"

#include "frame_alloc.h"

#define MIB (1UL << 20)

static struct boot_info info;

static void setup(void)
{
	fake_mm_reset();
	fake_console_clear();
	info = (struct boot_info){0};
}

TestSuite(frame_alloc, .init = setup);

static bool frame_is_zero(mfn_t frame)
{
	const uint8_t *p = frame_map(frame);

	for (size_t i = 0; i < PAGE_SIZE; i++) {
		if (p[i]) {
			return false;
		}
	}
	return true;
}

Test(frame_alloc, counts_exclude_reserved_and_frame0)
{
	bootinfo_add_ram(&info, maddr(0), 16 * MIB);
	bootinfo_add_reserved(&info, maddr(0), MIB);
	/* 8 KiB starting mid-frame touches three frames: all three are reserved. */
	bootinfo_add_reserved(&info, maddr(5 * MIB + 100), 2 * PAGE_SIZE);
	frame_alloc_init(&info);
	cr_assert_eq(frame_total_count(), 16 * MIB / PAGE_SIZE - 256 - 3);
	cr_assert_eq(frame_free_count(), frame_total_count());
}

Test(frame_alloc, only_whole_ram_frames)
{
	bootinfo_add_ram(&info, maddr(0x1800), 3 * PAGE_SIZE); /* [0x1800, 0x4800) */
	frame_alloc_init(&info);
	cr_assert_eq(frame_total_count(), 2);
	cr_assert_eq(mfn_value(frame_alloc()), 2);
	cr_assert_eq(mfn_value(frame_alloc()), 3);
	cr_assert_not(mfn_is_valid(frame_alloc()));
}

Test(frame_alloc, never_frame_zero)
{
	bootinfo_add_ram(&info, maddr(0), 8 * PAGE_SIZE);
	frame_alloc_init(&info);
	cr_assert_eq(frame_total_count(), 7);
	for (int i = 0; i < 7; i++) {
		mfn_t frame = frame_alloc();

		cr_assert(mfn_is_valid(frame));
		cr_assert_neq(mfn_value(frame), 0);
	}
	cr_assert_not(mfn_is_valid(frame_alloc()));
}

Test(frame_alloc, overlapping_ram_counted_once)
{
	bootinfo_add_ram(&info, maddr(0), 4 * MIB);
	bootinfo_add_ram(&info, maddr(2 * MIB), 4 * MIB);
	frame_alloc_init(&info);
	cr_assert_eq(frame_total_count(), 6 * MIB / PAGE_SIZE - 1);
}

Test(frame_alloc, reserved_frames_never_handed_out)
{
	uint64_t count = 0;
	mfn_t frame;

	bootinfo_add_ram(&info, maddr(0), 4 * MIB);
	bootinfo_add_reserved(&info, maddr(MIB), MIB);
	bootinfo_add_module(&info, maddr(3 * MIB), 5000, "mod");
	frame_alloc_init(&info);
	while (mfn_is_valid(frame = frame_alloc())) {
		uint64_t addr = maddr_value(mfn_to_maddr(frame));

		cr_assert(addr < 4 * MIB, "frame %#lx outside RAM", (unsigned long)addr);
		cr_assert(addr < MIB || addr >= 2 * MIB, "reserved frame %#lx",
			  (unsigned long)addr);
		cr_assert(addr < 3 * MIB || addr >= 3 * MIB + 2 * PAGE_SIZE, "module frame %#lx",
			  (unsigned long)addr);
		count++;
	}
	cr_assert_eq(count, 4 * MIB / PAGE_SIZE - 256 - 2 - 1);
	cr_assert_eq(frame_free_count(), 0);
}

Test(frame_alloc, clipped_to_direct_map)
{
	mfn_t frame;

	fake_mm_set_directmap_end(maddr(8 * MIB));
	bootinfo_add_ram(&info, maddr(0), FAKE_RAM_SIZE);
	bootinfo_add_ram(&info, maddr(1ULL << 40), 1ULL << 30); /* far beyond reach */
	frame_alloc_init(&info);
	cr_assert_eq(frame_total_count(), 8 * MIB / PAGE_SIZE - 1);
	while (mfn_is_valid(frame = frame_alloc())) {
		cr_assert_lt(maddr_value(mfn_to_maddr(frame)), 8 * MIB);
	}
}

Test(frame_alloc, frames_come_zeroed_also_after_reuse)
{
	static mfn_t frames[64];

	bootinfo_add_ram(&info, maddr(0), 65 * PAGE_SIZE);
	frame_alloc_init(&info);
	for (int round = 0; round < 2; round++) {
		for (int i = 0; i < 64; i++) {
			frames[i] = frame_alloc();
			cr_assert(mfn_is_valid(frames[i]));
			cr_assert(frame_is_zero(frames[i]), "round %d frame %lu not zeroed", round,
				  (unsigned long)mfn_value(frames[i]));
			memset(frame_map(frames[i]), 0xEE, PAGE_SIZE);
		}
		for (int i = 0; i < 64; i++) {
			frame_free(frames[i]);
		}
	}
}

Test(frame_alloc, frame_map_points_into_ram)
{
	bootinfo_add_ram(&info, maddr(0), MIB);
	frame_alloc_init(&info);
	cr_assert_eq(frame_map(mfn(5)), fake_ram + 5 * PAGE_SIZE);
}

Test(frame_alloc, contiguous_run_is_zeroed_and_counted)
{
	mfn_t first;

	bootinfo_add_ram(&info, maddr(0), MIB);
	frame_alloc_init(&info);
	first = frame_alloc_contig(16);
	cr_assert(mfn_is_valid(first));
	cr_assert_eq(frame_free_count(), frame_total_count() - 16);
	for (uint64_t i = 0; i < 16; i++) {
		cr_assert(frame_is_zero(mfn(mfn_value(first) + i)));
	}
	frame_free_contig(first, 16);
	cr_assert_eq(frame_free_count(), frame_total_count());
}

Test(frame_alloc, contiguous_needs_a_real_run)
{
	static mfn_t frames[64];
	mfn_t run;

	bootinfo_add_ram(&info, maddr(0), 65 * PAGE_SIZE); /* frames 1..64 */
	frame_alloc_init(&info);
	for (int i = 0; i < 64; i++) {
		frames[i] = frame_alloc();
	}
	for (int i = 0; i < 64; i += 2) {
		frame_free(frames[i]);
	}
	cr_assert_eq(frame_free_count(), 32);
	cr_assert_not(mfn_is_valid(frame_alloc_contig(2)), "no two free frames are adjacent");
	frame_free(frames[21]);
	run = frame_alloc_contig(3);
	cr_assert(mfn_is_valid(run));
	cr_assert_eq(mfn_value(run), mfn_value(frames[20]));
	cr_assert_eq(frame_free_count(), 30);
}

Test(frame_alloc, exhaustion_gives_invalid_mfn)
{
	uint64_t count = 0;

	bootinfo_add_ram(&info, maddr(0), MIB);
	frame_alloc_init(&info);
	cr_assert_not(mfn_is_valid(frame_alloc_contig(frame_total_count() + 1)));
	cr_assert_not(mfn_is_valid(frame_alloc_contig(0)));
	while (mfn_is_valid(frame_alloc())) {
		count++;
	}
	cr_assert_eq(count, frame_total_count());
	cr_assert_eq(frame_free_count(), 0);
	cr_assert_not(mfn_is_valid(frame_alloc()));
	cr_assert_not(mfn_is_valid(frame_alloc_contig(1)));
}

Test(frame_alloc, freed_frame_is_reused)
{
	mfn_t last = invalid_mfn();
	mfn_t frame;

	bootinfo_add_ram(&info, maddr(0), 16 * PAGE_SIZE);
	frame_alloc_init(&info);
	while (mfn_is_valid(frame = frame_alloc())) {
		last = frame;
	}
	frame_free(mfn(7));
	cr_assert_eq(frame_free_count(), 1);
	cr_assert_eq(mfn_value(frame_alloc()), 7);
	cr_assert_eq(mfn_value(last), 15);
	cr_assert_eq(frame_free_count(), 0);
}

Test(frame_alloc, double_free_panics)
{
	mfn_t frame;

	bootinfo_add_ram(&info, maddr(0), MIB);
	frame_alloc_init(&info);
	frame = frame_alloc();
	frame_free(frame);
	FAKE_CATCH_ESCAPE(frame_free(frame));
	cr_assert_eq(fake_escape_taken(), FAKE_ESCAPE_STOP);
	cr_assert_eq(fake_machine_status(), MACHINE_PANIC);
	cr_assert(fake_console_contains("ringo: panic: "), "console: %s", fake_console_text());
	cr_assert(fake_console_contains("check failed"));
	cr_assert(fake_console_contains("ringo: shutdown: panic\n"));
}
