/*
 * ptwr_insn_check.h: what the x86 page-table-write decoder's unit tests
 * (tests/unit/arch/x86/test_ptwr_insn.c) and fuzz target (tests/fuzz/ptwr_insn) share:
 * decoding from an exactly-sized heap copy, so that AddressSanitizer sees any read past
 * the end, and comparing two decodings field by field (the structure has padding, which
 * decoding need not set).
 */
#ifndef RINGO_TEST_PTWR_INSN_CHECK_H
#define RINGO_TEST_PTWR_INSN_CHECK_H

#include <stdlib.h>
#include <string.h>

#include "plat/ptwr_insn.h"

static inline bool ptwr_decode_exact(const uint8_t *code, size_t len, struct ptwr_insn *insn)
{
	uint8_t *copy = malloc(len ? len : 1);
	bool ok;

	if (!copy) {
		abort();
	}
	if (len) {
		memcpy(copy, code, len);
	}
	ok = ptwr_decode(copy, len, insn);
	free(copy);
	return ok;
}

static inline bool ptwr_insn_same(const struct ptwr_insn *a, const struct ptwr_insn *b)
{
	return a->op == b->op && a->len == b->len && a->width == b->width && a->reg == b->reg &&
	       a->has_imm == b->has_imm && a->imm == b->imm && a->base == b->base &&
	       a->index == b->index && a->scale == b->scale && a->disp == b->disp &&
	       a->segment == b->segment && a->lock == b->lock;
}

#endif
