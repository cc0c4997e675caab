/*
 * seeds.c (ptwr_insn): the seed corpus: each accepted form, and a few refused ones, as an
 * assembler encodes them, behind machine states where the compares succeed and fail.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "input.h"

struct seed_code {
	const char *name;
	uint8_t bytes[16];
	size_t len;
};

static const struct seed_code codes[] = {
    {"mov", {0x89, 0x03}, 2},
    {"mov-sib-disp8", {0x89, 0x44, 0x24, 0x08}, 4},
    {"mov-disp32", {0x89, 0x05, 0x78, 0x56, 0x34, 0x12}, 6},
    {"mov-sib-disp32", {0x89, 0x0c, 0x8d, 0x00, 0x10, 0x00, 0x00}, 7},
    {"mov-imm", {0xc7, 0x00, 0x67, 0x10, 0x00, 0x00}, 6},
    {"xchg", {0x87, 0x02}, 2},
    {"cmpxchg", {0xf0, 0x0f, 0xb1, 0x11}, 4},
    {"cmpxchg8b", {0xf0, 0x0f, 0xc7, 0x0e}, 4},
    {"and-imm8", {0x83, 0x20, 0xfe}, 3},
    {"or-imm32", {0x81, 0x08, 0x00, 0x00, 0x00, 0x80}, 6},
    {"and", {0x21, 0x18}, 2},
    {"or", {0x09, 0x0a}, 2},
    {"bts", {0xf0, 0x0f, 0xba, 0x28, 0x01}, 5},
    {"btr", {0x0f, 0xba, 0x30, 0x05}, 4},
    {"segment-lock", {0x3e, 0xf0, 0x0f, 0xb1, 0x11}, 5},
    {"mov-sib-index", {0x89, 0x44, 0x9e, 0xfc}, 4},
    {"or-disp32-imm8", {0x83, 0x89, 0x00, 0xf0, 0xff, 0xff, 0x40}, 7},
    {"gs-mov-esp", {0x65, 0x89, 0x44, 0x24, 0x08}, 5},
    {"operand-size", {0x66, 0x89, 0x03}, 3},
    {"register", {0x89, 0xc3}, 2},
};

static void put_le(uint8_t *out, uint64_t value, size_t size)
{
	for (size_t i = 0; i < size; i++) {
		out[i] = (uint8_t)(value >> (8 * i));
	}
}

/* Registers whose eax (and edx:eax) equal old when `match`, else differ from it. */
static size_t make_input(uint8_t *out, const struct seed_code *code, bool match)
{
	uint64_t old = 0x8000000000001067ULL;

	for (size_t i = 0; i < PTWR_FUZZ_GPR_COUNT; i++) {
		put_le(out + 4 * i, 0x00002067 + 0x1000 * i, 4);
	}
	if (match) {
		put_le(out, (uint32_t)old, 4);		   /* eax */
		put_le(out + 8, (uint32_t)(old >> 32), 4); /* edx */
	}
	put_le(out + 4 * PTWR_FUZZ_GPR_COUNT, 0x202, 4);
	put_le(out + 4 * PTWR_FUZZ_GPR_COUNT + 4, old, 8);
	memcpy(out + PTWR_FUZZ_STATE_SIZE, code->bytes, code->len);
	return PTWR_FUZZ_STATE_SIZE + code->len;
}

static int write_seed(const char *dir, const struct seed_code *code, bool match)
{
	uint8_t input[PTWR_FUZZ_STATE_SIZE + sizeof(code->bytes)];
	size_t size = make_input(input, code, match);
	char path[4096];
	FILE *file;
	bool written;

	snprintf(path, sizeof(path), "%s/%s-%s", dir, code->name, match ? "match" : "differ");
	file = fopen(path, "wb");
	if (file == NULL) {
		perror(path);
		return 1;
	}
	written = fwrite(input, 1, size, file) == size;
	if (fclose(file) != 0 || !written) {
		perror(path);
		return 1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: %s DIR [IMAGE...]\n", argv[0]);
		return 2;
	}
	for (size_t i = 0; i < sizeof(codes) / sizeof(codes[0]); i++) {
		if (write_seed(argv[1], &codes[i], true) || write_seed(argv[1], &codes[i], false)) {
			return 1;
		}
	}
	return 0;
}
