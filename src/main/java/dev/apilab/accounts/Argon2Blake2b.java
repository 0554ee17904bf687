package dev.apilab.accounts;

import java.util.Arrays;
import org.bouncycastle.crypto.digests.Blake2bDigest;

/**
 * Argon2's two uses of Blake2b (Bouncy Castle's digest): the initial hash H0 and the variable-length
 * hash H' (RFC 9106 sections 3.2 and 3.3), with one 64-byte digest and buffer reused. Not thread-safe.
 */
final class Argon2Blake2b {
    private final Blake2bDigest blake2b512 = new Blake2bDigest(512);
    private final byte[] chain = new byte[64];

    /** H0: Blake2b-512 of LE32(p, T, m, t, v, y), then P, S, K and X each after its LE32 length; 64 bytes into out. */
    void initialHash(byte[] out, int parallelism, int length, int memoryKib, int iterations, int version, int type,
            byte[] password, byte[] salt, byte[] secret, byte[] associatedData) {
        Blake2bDigest h = blake2b512;
        updateInt(h, parallelism);
        updateInt(h, length);
        updateInt(h, memoryKib);
        updateInt(h, iterations);
        updateInt(h, version);
        updateInt(h, type);
        updateWithLength(h, password);
        updateWithLength(h, salt);
        updateWithLength(h, secret);
        updateWithLength(h, associatedData);
        h.doFinal(out, 0);
    }

    /** H'^outLength(input): Blake2b stretched to any length, in 32-byte steps of chained 64-byte hashes. */
    void variableHash(byte[] input, int inputLength, byte[] out, int outLength) {
        if (outLength <= 64) {
            Blake2bDigest h = blake2b(outLength);
            updateInt(h, outLength);
            h.update(input, 0, inputLength);
            h.doFinal(out, 0);
            return;
        }
        int steps = (outLength + 31) / 32 - 2;
        Blake2bDigest h = blake2b512;
        updateInt(h, outLength);
        h.update(input, 0, inputLength);
        h.doFinal(chain, 0);
        System.arraycopy(chain, 0, out, 0, 32);
        for (int i = 1; i < steps; i++) {
            h.update(chain, 0, 64);
            h.doFinal(chain, 0);
            System.arraycopy(chain, 0, out, i * 32, 32);
        }
        Blake2bDigest last = blake2b(outLength - 32 * steps);
        last.update(chain, 0, 64);
        last.doFinal(out, 32 * steps);
    }

    /** Forgets the last chained hash, which derives from the password. */
    void clear() {
        Arrays.fill(chain, (byte) 0);
    }

    /** Blake2b's output length is a parameter of the hash itself: other lengths need their own digest. */
    private Blake2bDigest blake2b(int bytes) {
        return bytes == 64 ? blake2b512 : new Blake2bDigest(bytes * 8);
    }

    private static void updateWithLength(Blake2bDigest h, byte[] input) {
        updateInt(h, input.length);
        h.update(input, 0, input.length);
    }

    private static void updateInt(Blake2bDigest h, int value) {
        h.update((byte) value);
        h.update((byte) (value >>> 8));
        h.update((byte) (value >>> 16));
        h.update((byte) (value >>> 24));
    }
}
