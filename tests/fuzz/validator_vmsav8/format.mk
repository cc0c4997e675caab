# tests/fuzz/validator_vmsav8/format.mk: the validator target over ARM64's VMSAv8 format
# (arch/arm64/pt_format.c), through the adapter in format.c.
validator_vmsav8_MAIN := tests/fuzz/validator/target.c
validator_vmsav8_FORMAT_ARCH := arm64
validator_vmsav8_FORMAT_SRCS := arch/arm64/pt_format.c tests/fuzz/validator_vmsav8/format.c
validator_vmsav8_SEEDS := tests/fuzz/validator/seeds.c
