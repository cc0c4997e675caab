/*
 * input.h (ptwr_insn): the fuzz input, shared by the target and its seed program.
 *
 * An input is the machine state the instruction runs against, then the instruction bytes:
 * the eight general registers in ModRM order and eflags (4 bytes each, little-endian), the
 * memory operand's current value (8 bytes, little-endian), and the code, whose exact size
 * is what the decoder is given.
 */
#ifndef RINGO_FUZZ_PTWR_INPUT_H
#define RINGO_FUZZ_PTWR_INPUT_H

#define PTWR_FUZZ_GPR_COUNT 8
#define PTWR_FUZZ_STATE_SIZE ((PTWR_FUZZ_GPR_COUNT + 1) * 4 + 8)

#endif
