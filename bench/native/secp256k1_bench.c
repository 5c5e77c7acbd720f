/*
 * The physical reference for the session-key hot path: how long libsecp256k1, the C library
 * behind Bitcoin Core and most Ethereum clients' ecrecover, takes for secp256k1_ecdsa_recover and
 * secp256k1_ecdsa_verify on this machine. bench/report.sh builds it against Debian's
 * libsecp256k1-dev and runs it in the same run as the JMH suite, whose figures the report gives
 * as ratios to these.
 *
 *   gcc -O2 -o secp256k1_bench secp256k1_bench.c -lsecp256k1
 *   ./secp256k1_bench [--iterations N] [--runs R] [--library-version V]
 *
 * Each run times N calls (16 signatures by 16 keys over distinct hashes, in turn) of recover and
 * then of verify, so drift in the machine's load falls on both; one untimed run warms caches and
 * clocks first. It prints JSON on stdout: per operation the median, minimum and maximum of the
 * runs' ns/op, and every run's figure.
 */
#include <secp256k1.h>
#include <secp256k1_recovery.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define SIGNATURES 16
#define MAX_RUNS 1000

struct fixture {
  secp256k1_context *context;
  unsigned char hashes[SIGNATURES][32];
  secp256k1_ecdsa_recoverable_signature recoverable[SIGNATURES];
  secp256k1_ecdsa_signature plain[SIGNATURES];
  secp256k1_pubkey keys[SIGNATURES];
};

/* Deterministic filler (splitmix64): the same keys and hashes on every machine. */
static uint64_t next_random(uint64_t *state) {
  uint64_t z = (*state += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

static void fill(unsigned char *out, size_t length, uint64_t *state) {
  for (size_t i = 0; i < length; i += 8) {
    uint64_t word = next_random(state);
    for (size_t j = 0; j < 8 && i + j < length; j++) {
      out[i + j] = (unsigned char) (word >> (8 * j));
    }
  }
}

static int same_key(const secp256k1_context *context, const secp256k1_pubkey *a,
    const secp256k1_pubkey *b) {
  unsigned char left[65];
  unsigned char right[65];
  size_t left_length = sizeof left;
  size_t right_length = sizeof right;
  secp256k1_ec_pubkey_serialize(context, left, &left_length, a, SECP256K1_EC_UNCOMPRESSED);
  secp256k1_ec_pubkey_serialize(context, right, &right_length, b, SECP256K1_EC_UNCOMPRESSED);
  return left_length == right_length && memcmp(left, right, left_length) == 0;
}

/* Signs the fixture's hashes and checks that recover and verify agree with the signing keys. */
static int prepare(struct fixture *f) {
  uint64_t state = 0x5eed;
  for (int i = 0; i < SIGNATURES; i++) {
    unsigned char secret[32];
    do {
      fill(secret, sizeof secret, &state);
    } while (!secp256k1_ec_seckey_verify(f->context, secret));
    fill(f->hashes[i], 32, &state);
    secp256k1_pubkey recovered;
    if (!secp256k1_ec_pubkey_create(f->context, &f->keys[i], secret)
        || !secp256k1_ecdsa_sign_recoverable(f->context, &f->recoverable[i], f->hashes[i], secret,
            NULL, NULL)
        || !secp256k1_ecdsa_recoverable_signature_convert(f->context, &f->plain[i],
            &f->recoverable[i])
        || !secp256k1_ecdsa_recover(f->context, &recovered, &f->recoverable[i], f->hashes[i])
        || !same_key(f->context, &recovered, &f->keys[i])
        || !secp256k1_ecdsa_verify(f->context, &f->plain[i], f->hashes[i], &f->keys[i])) {
      return 0;
    }
  }
  return 1;
}

static double now_ns(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double) t.tv_sec * 1e9 + (double) t.tv_nsec;
}

/* ns per call of N recoveries; fails (returns a negative figure) if one does not succeed. */
static double time_recover(const struct fixture *f, long iterations) {
  secp256k1_pubkey key;
  long succeeded = 0;
  double start = now_ns();
  for (long i = 0; i < iterations; i++) {
    int k = (int) (i % SIGNATURES);
    succeeded += secp256k1_ecdsa_recover(f->context, &key, &f->recoverable[k], f->hashes[k]);
  }
  double elapsed = now_ns() - start;
  return succeeded == iterations ? elapsed / (double) iterations : -1;
}

static double time_verify(const struct fixture *f, long iterations) {
  long succeeded = 0;
  double start = now_ns();
  for (long i = 0; i < iterations; i++) {
    int k = (int) (i % SIGNATURES);
    succeeded += secp256k1_ecdsa_verify(f->context, &f->plain[k], f->hashes[k], &f->keys[k]);
  }
  double elapsed = now_ns() - start;
  return succeeded == iterations ? elapsed / (double) iterations : -1;
}

static int by_value(const void *a, const void *b) {
  double x = *(const double *) a;
  double y = *(const double *) b;
  return (x > y) - (x < y);
}

static void print_summary(const char *name, const double *runs, int count, int last) {
  double sorted[MAX_RUNS];
  memcpy(sorted, runs, sizeof(double) * (size_t) count);
  qsort(sorted, (size_t) count, sizeof(double), by_value);
  double median = count % 2 ? sorted[count / 2]
      : (sorted[count / 2 - 1] + sorted[count / 2]) / 2;
  printf("  \"%s\": {\"medianNs\": %.1f, \"minNs\": %.1f, \"maxNs\": %.1f, \"runsNs\": [",
      name, median, sorted[0], sorted[count - 1]);
  for (int i = 0; i < count; i++) {
    printf("%s%.1f", i ? ", " : "", runs[i]);
  }
  printf("]}%s\n", last ? "" : ",");
}

static long positive(const char *flag, const char *value, long maximum) {
  char *end;
  long parsed = strtol(value, &end, 10);
  if (*end != '\0' || parsed <= 0 || parsed > maximum) {
    fprintf(stderr, "secp256k1_bench: %s takes a whole number from 1 to %ld\n", flag, maximum);
    exit(2);
  }
  return parsed;
}

int main(int argc, char **argv) {
  long iterations = 20000;
  int runs = 11;
  const char *version = "unknown";
  for (int i = 1; i < argc; i++) {
    if (i + 1 < argc && strcmp(argv[i], "--iterations") == 0) {
      iterations = positive(argv[i], argv[i + 1], 100000000L);
      i++;
    } else if (i + 1 < argc && strcmp(argv[i], "--runs") == 0) {
      runs = (int) positive(argv[i], argv[i + 1], MAX_RUNS);
      i++;
    } else if (i + 1 < argc && strcmp(argv[i], "--library-version") == 0) {
      version = argv[++i];
    } else {
      fprintf(stderr,
          "usage: secp256k1_bench [--iterations N] [--runs R] [--library-version V]\n");
      return 2;
    }
  }

  struct fixture f;
  f.context = secp256k1_context_create(SECP256K1_CONTEXT_NONE);
  if (!prepare(&f)) {
    fprintf(stderr, "secp256k1_bench: recover or verify disagrees with the signing key\n");
    return 1;
  }
  double recover[MAX_RUNS];
  double verify[MAX_RUNS];
  if (time_recover(&f, iterations) < 0 || time_verify(&f, iterations) < 0) {
    fprintf(stderr, "secp256k1_bench: a warm-up call failed\n");
    return 1;
  }
  for (int run = 0; run < runs; run++) {
    recover[run] = time_recover(&f, iterations);
    verify[run] = time_verify(&f, iterations);
    if (recover[run] < 0 || verify[run] < 0) {
      fprintf(stderr, "secp256k1_bench: a timed call failed\n");
      return 1;
    }
  }
  secp256k1_context_destroy(f.context);

  printf("{\n  \"library\": \"libsecp256k1\",\n  \"libraryVersion\": \"%s\",\n", version);
  printf("  \"compiler\": \"gcc %s\",\n", __VERSION__);
  printf("  \"iterations\": %ld,\n  \"runs\": %d,\n  \"signatures\": %d,\n", iterations, runs,
      SIGNATURES);
  print_summary("recover", recover, runs, 0);
  print_summary("verify", verify, runs, 1);
  printf("}\n");
  return 0;
}
