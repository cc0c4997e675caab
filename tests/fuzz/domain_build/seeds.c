/*
 * seeds.c (domain_build): the kernel-image seed corpus; see common/kernel_seeds.c.
 */
#include <stdio.h>

#include "kernel_seeds.h"

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: %s DIR [IMAGE...]\n", argv[0]);
		return 2;
	}
	return kernel_seeds_write(argv[1], argc - 2, argv + 2);
}
