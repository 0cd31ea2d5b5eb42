package gov.dadukou.guidance.admin;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Finds, for an item, the earlier-{@linkplain #add added} items whose sets are probably similar by Jaccard,
 * in time linear in the number of items: MinHash signatures cut into bands (locality-sensitive hashing).
 *
 * <p>How it works. Each item is a set of ints (here: character bigrams). For each of
 * {@code BANDS × ROWS} hash functions {@code h}, the item's signature holds {@code min h(x)} over its set;
 * two sets agree on one such minimum with probability equal to their Jaccard similarity J. The signature
 * is cut into {@link #BANDS} bands of {@link #ROWS} minima; two items are candidates when they agree on
 * all minima of at least one band, which happens with probability {@code 1 − (1 − J^ROWS)^BANDS}:
 * 0.998 at J = 0.3 (the grouping threshold), above 0.9998 from J = 0.35, and 0 for sets that share
 * nothing. (With 40 bands, 0.98 at 0.3, a missed member of a large group started a rival group often
 * enough to split it: docs/benchmarks.md has the measured agreement with comparing every group.)
 * Items that share only frequent bigrams (J ≈ 0.05) collide in a band or two; a probe that finds more
 * candidates than asked keeps those sharing the most bands, so a caller that verifies only a few loses
 * little, and {@link #estimate} (all {@code BANDS × ROWS} minima) lets it skip most chance collisions.
 *
 * <p>Why bounded. A probe visits at most {@code perBucket} items per band (the most recently added), so one
 * probe costs at most {@code BANDS × perBucket} steps whatever the input, and hostile input (thousands of
 * copies of one text) cannot make a bucket expensive.
 *
 * <p>Contract: items are numbered {@code 0 … n−1} in the order of the constructor's array, with
 * {@code n ≤} {@link #MAX_ITEMS}; sets are sorted, without duplicates, possibly empty (an empty set is
 * never a candidate of anything: its Jaccard similarity is 0). Hashes come from a fixed seed, so the same
 * input always gives the same candidates (staff see a stable view).
 *
 * <p>Not thread-safe: one instance serves one grouping run, on one thread.
 */
final class NearDuplicateIndex {
    static final int BANDS = 64;
    static final int ROWS = 2;
    /** Items are packed into the low 16 bits of the bands' sort keys. */
    static final int MAX_ITEMS = 1 << 16;
    /** Items a probe may visit per band, at most. */
    static final int PER_BUCKET_LIMIT = 256;
    private static final int HASHES = BANDS * ROWS;
    private static final long ITEM_MASK = MAX_ITEMS - 1;
    // Hash functions a·x + b mod 2^32 with odd a, on a well-mixed x, keeping the top 31 bits: cheap, and
    // min-wise independent enough in practice (measured against comparing every group: docs/benchmarks.md).
    private static final int[] MUL = new int[HASHES];
    private static final int[] ADD = new int[HASHES];

    static {
        SplittableRandom random = new SplittableRandom(0x6a09e667f3bcc909L);
        Arrays.setAll(MUL, i -> random.nextInt() | 1);
        Arrays.setAll(ADD, i -> random.nextInt());
    }

    private final int n;
    private final boolean[] findable;
    /** {@code signatures[item·HASHES + h]}: the item's minimum under hash function h. */
    private final int[] signatures;
    /** {@code bucketOf[item·BANDS + band]}: the item's bucket in that band (an item's buckets side by side). */
    private final int[] bucketOf;
    /** {@code newest[band·n + bucket]}: the bucket's most recently added item, or −1. */
    private final int[] newest;
    /** {@code older[item·BANDS + band]}: the item added to the same bucket before it in that band, or −1. */
    private final int[] older;
    // Scratch for probes: which items this probe has seen (by probe number) and in how many bands.
    private final int[] seenBy;
    private final int[] bandsShared;
    private final int[] found; // the items one probe found
    private int probe;

    /**
     * Computes every item's signature and buckets: {@code O(total set size × BANDS × ROWS)} plus one sort
     * per band. No item is findable until {@linkplain #add added}.
     *
     * @throws IllegalArgumentException if there are more than {@link #MAX_ITEMS} sets
     */
    NearDuplicateIndex(int[][] sets) {
        if (sets.length > MAX_ITEMS) {
            throw new IllegalArgumentException("at most " + MAX_ITEMS + " items, got " + sets.length);
        }
        this.n = sets.length;
        this.findable = new boolean[n];
        this.bucketOf = new int[BANDS * n];
        this.newest = new int[BANDS * n];
        this.older = new int[BANDS * n];
        this.seenBy = new int[n];
        this.bandsShared = new int[n];
        this.found = new int[BANDS * PER_BUCKET_LIMIT];
        Arrays.fill(newest, -1);
        Arrays.fill(older, -1);
        Arrays.fill(seenBy, -1);
        this.signatures = new int[n * HASHES];
        long[][] keys = new long[BANDS][n];
        int[] signature = new int[HASHES];
        for (int item = 0; item < n; item++) {
            minHash(sets[item], signature);
            System.arraycopy(signature, 0, signatures, item * HASHES, HASHES);
            for (int band = 0; band < BANDS; band++) {
                // 48 bits of the band's hash, then the item: sorting groups equal bands together. Two
                // different bands sharing 48 bits only add a candidate the caller verifies.
                keys[band][item] = (bandHash(signature, band) & ~ITEM_MASK) | item;
            }
        }
        for (int band = 0; band < BANDS; band++) {
            long[] sorted = keys[band];
            Arrays.sort(sorted);
            int bucket = -1;
            long previous = 0;
            for (int k = 0; k < n; k++) {
                long high = sorted[k] & ~ITEM_MASK;
                if (k == 0 || high != previous) {
                    bucket++;
                    previous = high;
                }
                bucketOf[(int) (sorted[k] & ITEM_MASK) * BANDS + band] = bucket;
            }
        }
    }

    /** Makes {@code item} a candidate of later probes; adding an item twice is a programming error. */
    void add(int item) {
        if (findable[item]) {
            throw new IllegalStateException("item " + item + " was already added");
        }
        findable[item] = true;
        for (int band = 0; band < BANDS; band++) {
            int slot = band * n + bucketOf[item * BANDS + band];
            older[item * BANDS + band] = newest[slot];
            newest[slot] = item;
        }
    }

    /**
     * Fills {@code out} with up to {@code out.length} distinct added items that share at least one band
     * with {@code item} and returns how many it wrote. When there are more, those sharing the most bands
     * are kept (at the cut, those found first: the newest in the first bands); the order within
     * {@code out} carries no meaning. Visits at most {@code perBucket} items per band.
     *
     * @throws IllegalArgumentException if {@code perBucket} is not in {@code 1 …} {@link #PER_BUCKET_LIMIT}
     */
    int candidates(int item, int perBucket, int[] out) {
        if (perBucket < 1 || perBucket > PER_BUCKET_LIMIT) {
            throw new IllegalArgumentException("perBucket must be 1 to " + PER_BUCKET_LIMIT + ", got " + perBucket);
        }
        probe++;
        int count = 0;
        for (int band = 0; band < BANDS; band++) {
            int visited = 0;
            for (int other = newest[band * n + bucketOf[item * BANDS + band]]; other >= 0 && visited < perBucket;
                    other = older[other * BANDS + band], visited++) {
                if (seenBy[other] != probe) {
                    seenBy[other] = probe;
                    bandsShared[other] = 0;
                    found[count++] = other;
                }
                bandsShared[other]++;
            }
        }
        // The most bands shared first, without sorting (a sort here was the grouping's costliest step):
        // count candidates per number of bands shared, find the level where out fills up, then take every
        // candidate above it and those at it in the order found.
        int[] atLevel = new int[BANDS + 1];
        for (int k = 0; k < count; k++) {
            atLevel[bandsShared[found[k]]]++;
        }
        int level = BANDS;
        int atOrAbove = atLevel[BANDS];
        while (level > 1 && atOrAbove < out.length) {
            atOrAbove += atLevel[--level];
        }
        int written = 0;
        for (int k = 0; k < count && written < out.length; k++) {
            if (bandsShared[found[k]] > level) {
                out[written++] = found[k];
            }
        }
        for (int k = 0; k < count && written < out.length; k++) {
            if (bandsShared[found[k]] == level) {
                out[written++] = found[k];
            }
        }
        return written;
    }

    /**
     * The MinHash estimate of the Jaccard similarity of two items' sets: the share of hash functions whose
     * minima agree. Unbiased, with a standard deviation of {@code sqrt(J(1−J)/HASHES)} (0.04 at J = 0.3);
     * far cheaper than the exact similarity, so callers use it to skip hopeless candidates.
     */
    double estimate(int a, int b) {
        int agree = 0;
        for (int h = 0; h < HASHES; h++) {
            agree += signatures[a * HASHES + h] == signatures[b * HASHES + h] ? 1 : 0;
        }
        return (double) agree / HASHES;
    }

    private static void minHash(int[] set, int[] signature) {
        Arrays.fill(signature, Integer.MAX_VALUE);
        for (int x : set) {
            int spread = (int) mix(x); // so that similar bigram codes do not hash alike
            // 32-bit multiply-add per function: the JIT runs this loop on vector registers.
            for (int h = 0; h < HASHES; h++) {
                signature[h] = Math.min(signature[h], (MUL[h] * spread + ADD[h]) >>> 1); // ≥ 0, so min is min
            }
        }
    }

    private static long bandHash(int[] signature, int band) {
        long h = band * 0x9e3779b97f4a7c15L;
        for (int r = 0; r < ROWS; r++) {
            h = mix(h ^ signature[band * ROWS + r]);
        }
        return h;
    }

    /** The finaliser of SplitMix64: spreads every input bit over the whole word. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
