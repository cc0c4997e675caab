# tests/fuzz/validator_pae/format.mk: the validator target over x86's PAE format
# (arch/x86/pt_format.c), through the adapter in format.c.
validator_pae_MAIN := tests/fuzz/validator/target.c
validator_pae_FORMAT_ARCH := x86
validator_pae_FORMAT_SRCS := arch/x86/pt_format.c tests/fuzz/validator_pae/format.c
validator_pae_SEEDS := tests/fuzz/validator/seeds.c
