/*
 * seeds.c (validator): a few operation sequences a guest kernel would really run, in
 * target.c's input encoding, so the fuzzer starts from validated trees rather than having
 * to discover them: a three-level tree written by hand, pinned, loaded as the base and
 * then changed through update_va_mapping, mmu_update and multicall; the hypervisor-sharing
 * slot; a privileged domain mapping the other domain's memory before it is destroyed.
 * Only table indices 0 and a few small ones are used, so the same seeds make sense on the
 * fake, PAE and VMSAv8 formats.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SEED_MAX 512

/* target.c's operation numbers (index into its ops[] table). */
enum {
	OP_RAW = 0,
	OP_PIN = 3,
	OP_UNPIN = 5,
	OP_MMU_UPDATE = 6,
	OP_UPDATE_VA = 8,
	OP_NEW_BASE = 9,
	OP_PAGE = 10,
	OP_FLUSH = 11,
	OP_MULTICALL = 12,
	OP_DESTROY_D2 = 13,
};

/* pick_value modes: make an entry for this level, writable and user. */
#define MAKE_L1 0x0F
#define MAKE_L1_RO 0x3E
#define MAKE_L2 0x1F
#define MAKE_L3 0x2F
#define D2 160 /* pick_frame choice: one of d2's pages */

struct seed {
	unsigned char bytes[SEED_MAX];
	size_t len;
};

static void put(struct seed *s, unsigned int byte)
{
	if (s->len < SEED_MAX) {
		s->bytes[s->len++] = (unsigned char)byte;
	}
}

static void put16(struct seed *s, unsigned int value)
{
	put(s, value & 0xff);
	put(s, value >> 8);
}

/* Raw write: frame[index] = an entry made by `mode` naming (choice, page). */
static void raw(struct seed *s, unsigned int frame, unsigned int index, unsigned int mode,
		unsigned int choice, unsigned int page)
{
	put(s, OP_RAW);
	put(s, frame);
	put16(s, index);
	put(s, mode);
	put(s, choice);
	put(s, page);
}

static void pin(struct seed *s, unsigned int level, unsigned int choice, unsigned int page)
{
	put(s, OP_PIN);
	put(s, level - 1);
	put(s, choice);
	put(s, page);
	put(s, 0); /* DOMID_SELF */
}

static void new_base(struct seed *s, unsigned int page)
{
	put(s, OP_NEW_BASE);
	put(s, 0);
	put(s, page);
}

static void update_va(struct seed *s, unsigned int l1_index, unsigned int mode, unsigned int choice,
		      unsigned int page, unsigned int flags)
{
	put(s, OP_UPDATE_VA);
	put16(s, 0);
	put16(s, 0);
	put16(s, l1_index);
	put(s, mode);
	put(s, choice);
	put(s, page);
	put(s, flags);
	put(s, 1); /* update_va_mapping, not _otherdomain */
}

/* One mmu_update request: table (choice 0, page)[index] = entry (mode, choice, target). */
static void request(struct seed *s, unsigned int page, unsigned int index, unsigned int mode,
		    unsigned int choice, unsigned int target)
{
	put(s, 0);
	put(s, page);
	put16(s, index);
	put(s, 0); /* MMU_NORMAL_PT_UPDATE */
	put(s, mode);
	put(s, choice);
	put(s, target);
}

/* Page 0 an L3 -> page 1 an L2 -> page 2 an L1 mapping page 16 writable at index 16. */
static void tree(struct seed *s)
{
	raw(s, 0, 0, MAKE_L3, 0, 1);
	raw(s, 1, 0, MAKE_L2, 0, 2);
	raw(s, 2, 16, MAKE_L1, 0, 16);
	raw(s, 2, 17, MAKE_L1_RO, 0, 2);
}

static void seed_tree_base_updates(struct seed *s)
{
	put(s, 0);
	tree(s);
	pin(s, 3, 0, 0);
	new_base(s, 0);
	update_va(s, 20, MAKE_L1, 0, 20, 2);
	put(s, OP_MMU_UPDATE);
	put(s, 2);
	request(s, 2, 21, MAKE_L1, 0, 21);
	request(s, 1, 1, MAKE_L2, 0, 3);
	put(s, 0); /* DOMID_SELF */
	put(s, OP_UNPIN);
	put(s, 0);
	put(s, 0);
	put(s, 0);
	new_base(s, 5);
}

static void seed_multicall(struct seed *s)
{
	put(s, 0);
	tree(s);
	pin(s, 3, 0, 0);
	put(s, OP_MULTICALL);
	put(s, 2);
	request(s, 2, 30, MAKE_L1, 0, 30);
	request(s, 2, 31, MAKE_L1, 0, 2); /* the table itself, writable: refused */
	request(s, 1, 2, MAKE_L2, 0, 4);
	put(s, OP_FLUSH);
	put(s, 2);
	put(s, 1);
	put16(s, 0);
	put16(s, 0);
	put16(s, 5);
}

static void seed_hypervisor_slot(struct seed *s)
{
	put(s, 0);
	tree(s);
	raw(s, 0, 3, MAKE_L3, 0, 6);
	raw(s, 0, 7, MAKE_L3, 0, 7);
	raw(s, 7, 300, MAKE_L1, 0, 20);
	raw(s, 7, 500, MAKE_L2, 0, 8);
	pin(s, 3, 0, 0);
	new_base(s, 0);
}

static void seed_foreign(struct seed *s)
{
	put(s, 1); /* d1 privileged */
	tree(s);
	pin(s, 3, 0, 0);
	new_base(s, 0);
	put(s, OP_MMU_UPDATE);
	put(s, 1);
	request(s, 2, 40, MAKE_L1, D2, 3);
	put(s, 200); /* foreigndom: d2 */
	pin(s, 1, D2, 4);
	put(s, OP_PAGE);
	put(s, 1);
	put(s, D2);
	put(s, 5);
	put(s, 0);
	put(s, 6);
	put(s, 200);
	put(s, OP_DESTROY_D2);
	update_va(s, 40, MAKE_L1, 0, 40, 1);
}

static int write_seed(const char *dir, const char *name, const struct seed *s)
{
	char path[4096];
	FILE *file;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	file = fopen(path, "wb");
	if (!file || fwrite(s->bytes, 1, s->len, file) != s->len || fclose(file)) {
		fprintf(stderr, "make-seeds: cannot write %s\n", path);
		return 1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	static const struct {
		const char *name;
		void (*make)(struct seed *s);
	} seeds[] = {
	    {"tree-base-updates", seed_tree_base_updates},
	    {"multicall", seed_multicall},
	    {"hypervisor-slot", seed_hypervisor_slot},
	    {"foreign", seed_foreign},
	};
	int failed = 0;

	if (argc < 2) {
		fprintf(stderr, "usage: %s DIR [IMAGE...]\n", argv[0]);
		return 2;
	}
	for (size_t i = 0; i < sizeof(seeds) / sizeof(seeds[0]); i++) {
		struct seed s;

		memset(&s, 0, sizeof(s));
		seeds[i].make(&s);
		failed |= write_seed(argv[1], seeds[i].name, &s);
	}
	return failed;
}
