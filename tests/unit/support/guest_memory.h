/*
 * guest_memory.h: reading a domain's memory from the tests, and the standard fake kernel.
 */
#ifndef RINGO_TEST_GUEST_MEMORY_H
#define RINGO_TEST_GUEST_MEMORY_H

#include "domain.h"

/* Copies len bytes at pseudo-physical address gpaddr of d (through its p2m) into dst. */
void guest_read_phys(const struct domain *d, uint64_t gpaddr, void *dst, size_t len);

/* The standard test kernel (elf_build.h) in the fake arch's ELF class and machine. */
size_t fake_kernel_image(uint8_t *out, size_t capacity);

#endif
