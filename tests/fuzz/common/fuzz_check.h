/*
 * fuzz_check.h: invariant checks inside fuzz targets, and the input format they share.
 *
 * A broken invariant prints what broke and aborts, which libFuzzer reports as a crash and
 * saves the input. Kernel-image targets read their input as a 4-byte little-endian
 * parameter (a page count) followed by the image, so one seed corpus serves them all.
 */
#ifndef RINGO_FUZZ_CHECK_H
#define RINGO_FUZZ_CHECK_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#define FUZZ_ASSERT(cond)                                                                    \
	do {                                                                                 \
		if (!(cond)) {                                                               \
			fprintf(stderr, "%s:%d: invariant broken: %s\n", __FILE__, __LINE__, \
				#cond);                                                      \
			abort();                                                             \
		}                                                                            \
	} while (0)

#define FUZZ_PARAM_SIZE 4

/* Splits an input into its parameter and the image; false when it is too short. */
static inline int fuzz_split(const uint8_t *data, size_t size, uint32_t *param,
			     const uint8_t **image, size_t *image_size)
{
	if (size < FUZZ_PARAM_SIZE) {
		return 0;
	}
	*param = (uint32_t)data[0] | (uint32_t)data[1] << 8 | (uint32_t)data[2] << 16 |
		 (uint32_t)data[3] << 24;
	*image = data + FUZZ_PARAM_SIZE;
	*image_size = size - FUZZ_PARAM_SIZE;
	return 1;
}

#endif
