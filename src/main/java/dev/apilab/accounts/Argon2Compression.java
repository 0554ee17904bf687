package dev.apilab.accounts;

/**
 * G, Argon2's compression function (RFC 9106 section 3.5), on 1 KiB blocks that are 128 words at an
 * offset of a long[]: no block objects, and two scratch blocks reused for every call. Not thread-safe.
 */
final class Argon2Compression {
    private static final int WORDS = 128;

    private final long[] r = new long[WORDS];
    private final long[] q = new long[WORDS];

    /** out = G(x, y), or out = out XOR G(x, y) when {@code xorIntoOut} (version 0x13 after the first pass). */
    void mix(long[] x, int xAt, long[] y, int yAt, long[] out, int outAt, boolean xorIntoOut) {
        long[] r = this.r;
        long[] q = this.q;
        // Blocks are copied in and out whole, and XORed only at equal indices of the scratch blocks:
        // loops like r[i] ^= q[i] are vectorised by C2, while r[i] = x[xAt + i] ^ ... may alias
        // across iterations and stay scalar (measured: about a fifth slower a hash).
        System.arraycopy(x, xAt, r, 0, WORDS);
        System.arraycopy(y, yAt, q, 0, WORDS);
        for (int i = 0; i < WORDS; i++) {
            r[i] ^= q[i];
        }
        // q keeps R (XOR the old block) for the last step while r is permuted in place.
        if (xorIntoOut) {
            System.arraycopy(out, outAt, q, 0, WORDS);
            for (int i = 0; i < WORDS; i++) {
                q[i] ^= r[i];
            }
        } else {
            System.arraycopy(r, 0, q, 0, WORDS);
        }
        for (int row = 0; row < WORDS; row += 16) {
            permuteRow(r, row);
        }
        for (int column = 0; column < 16; column += 2) {
            permuteColumn(r, column);
        }
        for (int i = 0; i < WORDS; i++) {
            r[i] ^= q[i];
        }
        System.arraycopy(r, 0, out, outAt, WORDS);
    }

    // R is an 8x8 matrix of 16-byte registers, each two words. P (section 3.6) takes eight registers
    // as words v0..v15: a row is 16 adjacent words, a column the register pairs 16 words apart.
    // The offsets are written out so that C2 sees constants and checks the bounds once per row.

    /** P on words at, at + 1, ... at + 15. */
    private static void permuteRow(long[] v, int at) {
        gb(v, at, at + 4, at + 8, at + 12);
        gb(v, at + 1, at + 5, at + 9, at + 13);
        gb(v, at + 2, at + 6, at + 10, at + 14);
        gb(v, at + 3, at + 7, at + 11, at + 15);
        gb(v, at, at + 5, at + 10, at + 15);
        gb(v, at + 1, at + 6, at + 11, at + 12);
        gb(v, at + 2, at + 7, at + 8, at + 13);
        gb(v, at + 3, at + 4, at + 9, at + 14);
    }

    /** P on words at, at + 1, at + 16, at + 17, ... at + 112, at + 113 (v2k = at + 16k, v2k+1 next). */
    private static void permuteColumn(long[] v, int at) {
        gb(v, at, at + 32, at + 64, at + 96);
        gb(v, at + 1, at + 33, at + 65, at + 97);
        gb(v, at + 16, at + 48, at + 80, at + 112);
        gb(v, at + 17, at + 49, at + 81, at + 113);
        gb(v, at, at + 33, at + 80, at + 113);
        gb(v, at + 1, at + 48, at + 81, at + 96);
        gb(v, at + 16, at + 49, at + 64, at + 97);
        gb(v, at + 17, at + 32, at + 65, at + 112);
    }

    /** GB (section 3.6): Blake2b's G with each addition a + b replaced by BlaMka's. */
    private static void gb(long[] v, int ia, int ib, int ic, int id) {
        long a = v[ia];
        long b = v[ib];
        long c = v[ic];
        long d = v[id];
        a = blaMka(a, b);
        d = Long.rotateRight(d ^ a, 32);
        c = blaMka(c, d);
        b = Long.rotateRight(b ^ c, 24);
        a = blaMka(a, b);
        d = Long.rotateRight(d ^ a, 16);
        c = blaMka(c, d);
        b = Long.rotateRight(b ^ c, 63);
        v[ia] = a;
        v[ib] = b;
        v[ic] = c;
        v[id] = d;
    }

    /** a + b + 2 * lo32(a) * lo32(b), mod 2^64. */
    private static long blaMka(long a, long b) {
        return a + b + 2 * (a & 0xFFFFFFFFL) * (b & 0xFFFFFFFFL);
    }
}
