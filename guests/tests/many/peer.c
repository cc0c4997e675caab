/*
 * peer.c: the many-domain image uses the scheduling tests' helpers for ports between
 * domain 0 and its domUs (guests/tests/sched/peer.h); one source for both.
 */
#include "../sched/peer.c"
