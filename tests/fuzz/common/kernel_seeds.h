/*
 * kernel_seeds.h: the seed corpus of the kernel-image fuzz targets.
 */
#ifndef RINGO_FUZZ_KERNEL_SEEDS_H
#define RINGO_FUZZ_KERNEL_SEEDS_H

/*
 * Writes synthetic kernels (both classes, valid and subtly broken) into directory dir, plus
 * each of the files given (the real guest images), each behind a page-count parameter.
 * Returns 0, or 1 after printing why it could not.
 */
int kernel_seeds_write(const char *dir, int file_count, char **files);

#endif
