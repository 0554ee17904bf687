package dev.apilab.accounts;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Argon2id, version 0x13, as RFC 9106 specifies it, with its memory kept between hashes: one engine
 * per hashing thread, so a hash allocates about 11 KB (Bouncy Castle's Blake2b, 144 bytes a call)
 * instead of 20 MB of blocks. Not thread-safe. Blake2b is Bouncy Castle's; H', the block filling and
 * G are ours (Argon2Blake2b, Argon2Compression).
 */
final class Argon2idEngine {
    private static final int VERSION = 0x13;
    private static final int TYPE_ID = 2;
    private static final int SLICES = 4;
    private static final int BLOCK_BYTES = 1024;
    private static final int WORDS = 128;
    private static final int ADDRESSES_PER_BLOCK = 128;
    private static final byte[] EMPTY = {};
    private static final VarHandle LE_LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private final Argon2Compression compression = new Argon2Compression();
    private final Argon2Blake2b blake2b = new Argon2Blake2b();
    private final byte[] seed = new byte[72];
    private final byte[] blockBytes = new byte[BLOCK_BYTES];
    private final long[] zeroBlock = new long[WORDS];
    private final long[] addressInput = new long[WORDS];
    private final long[] addressScratch = new long[WORDS];
    private final long[] addresses = new long[WORDS];
    /** Every lane's blocks one after the other, 128 words a block; grown when a hash needs more. */
    private long[] memory = new long[0];

    private int lanes;
    private int laneLength;
    private int segmentLength;
    private int blockCount;
    private int passes;

    byte[] hash(byte[] password, byte[] salt, int memoryKib, int iterations, int parallelism, int length) {
        return hash(password, salt, EMPTY, EMPTY, memoryKib, iterations, parallelism, length);
    }

    /** The tag for the password, salt, secret key K and associated data X (RFC 9106 section 3.2). */
    byte[] hash(byte[] password, byte[] salt, byte[] secret, byte[] associatedData,
            int memoryKib, int iterations, int parallelism, int length) {
        if (parallelism < 1 || parallelism > 0xFFFFFF || iterations < 1 || length < 4
                || memoryKib < 8 * parallelism || salt.length < 8) {
            throw new IllegalArgumentException("Argon2id parameters out of range: m=" + memoryKib + ", t=" + iterations
                    + ", p=" + parallelism + ", " + length + "-byte tag, " + salt.length + "-byte salt");
        }
        lanes = parallelism;
        passes = iterations;
        segmentLength = memoryKib / (SLICES * lanes);
        laneLength = segmentLength * SLICES;
        blockCount = laneLength * lanes;
        reserveMemory();

        try {
            // H0 goes into the first 64 bytes of the seed of the first blocks (section 3.2 step 1).
            blake2b.initialHash(seed, lanes, length, memoryKib, iterations, VERSION, TYPE_ID,
                    password, salt, secret, associatedData);
            firstBlocks();
            for (int pass = 0; pass < passes; pass++) {
                // Within one slice a lane reads only the other lanes' finished slices, so lanes one
                // after the other give the same result as lanes side by side.
                for (int slice = 0; slice < SLICES; slice++) {
                    for (int lane = 0; lane < lanes; lane++) {
                        fillSegment(pass, lane, slice);
                    }
                }
            }
            return tag(length);
        } finally {
            // H0 and the first blocks test a password guess for the price of a few Blake2b calls (in a
            // heap dump, say): clear H0, the byte buffers and the blocks, as Bouncy Castle did. The
            // blocks cost 0.5-1 ms of a 25 ms hash (19 MiB); the next hash overwrites them anyway.
            Arrays.fill(memory, 0, blockCount * WORDS, 0L);
            Arrays.fill(seed, (byte) 0);
            blake2b.clear();
            Arrays.fill(blockBytes, (byte) 0);
        }
    }

    private void reserveMemory() {
        long words = (long) blockCount * WORDS;
        if (words > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("Argon2id memory too large: " + blockCount + " KiB");
        }
        if (memory.length < words) {
            memory = null; // let the old array go before the new one is allocated
            memory = new long[(int) words];
        }
    }

    /** B[i][0] = H'(H0 || LE32(0) || LE32(i)) and B[i][1] likewise with 1 (step 3 and 4). */
    private void firstBlocks() {
        for (int lane = 0; lane < lanes; lane++) {
            for (int column = 0; column < 2; column++) {
                putInt(seed, 64, column);
                putInt(seed, 68, lane);
                blake2b.variableHash(seed, seed.length, blockBytes, BLOCK_BYTES);
                int at = block(lane, column);
                for (int i = 0; i < WORDS; i++) {
                    memory[at + i] = (long) LE_LONG.get(blockBytes, i * 8);
                }
            }
        }
    }

    /** One segment (section 3.4): Argon2i addressing in the first half of the first pass, Argon2d after. */
    private void fillSegment(int pass, int lane, int slice) {
        boolean dataIndependent = pass == 0 && slice < 2;
        int first = pass == 0 && slice == 0 ? 2 : 0;
        if (dataIndependent) {
            addressInput[0] = pass;
            addressInput[1] = lane;
            addressInput[2] = slice;
            addressInput[3] = blockCount;
            addressInput[4] = passes;
            addressInput[5] = TYPE_ID;
            addressInput[6] = 0;
            if (first != 0) {
                nextAddresses();
            }
        }
        long[] mem = memory;
        int column = slice * segmentLength + first;
        int previous = block(lane, column == 0 ? laneLength - 1 : column - 1);
        for (int index = first; index < segmentLength; index++, column++) {
            long random;
            if (dataIndependent) {
                if (index % ADDRESSES_PER_BLOCK == 0) {
                    nextAddresses();
                }
                random = addresses[index % ADDRESSES_PER_BLOCK];
            } else {
                random = mem[previous];
            }
            int referenceLane = pass == 0 && slice == 0 ? lane : (int) ((random >>> 32) % lanes);
            int referenceColumn = referenceColumn(pass, slice, index, random & 0xFFFFFFFFL, referenceLane == lane);
            int current = block(lane, column);
            // Version 0x13: passes after the first XOR the new block into the old one.
            compression.mix(mem, previous, mem, block(referenceLane, referenceColumn), mem, current, pass > 0);
            previous = current;
        }
    }

    /** The next 128 pseudo-random values of Argon2i: G(0, G(0, Z || counter || 0...)) (section 3.4.1.2). */
    private void nextAddresses() {
        addressInput[6]++;
        compression.mix(zeroBlock, 0, addressInput, 0, addressScratch, 0, false);
        compression.mix(zeroBlock, 0, addressScratch, 0, addresses, 0, false);
    }

    /** Maps J1 onto the blocks this one may reference (section 3.4.2). */
    private int referenceColumn(int pass, int slice, int index, long j1, boolean sameLane) {
        long area;
        if (pass == 0) {
            area = sameLane ? (long) slice * segmentLength + index - 1
                    : (long) slice * segmentLength + (index == 0 ? -1 : 0);
        } else {
            area = sameLane ? laneLength - segmentLength + index - 1
                    : laneLength - segmentLength + (index == 0 ? -1 : 0);
        }
        long x = (j1 * j1) >>> 32;
        long y = (area * x) >>> 32;
        long start = pass != 0 && slice != SLICES - 1 ? (long) (slice + 1) * segmentLength : 0;
        return (int) ((start + area - 1 - y) % laneLength);
    }

    /** The XOR of every lane's last block, through H' (section 3.2 steps 7 and 8). */
    private byte[] tag(int length) {
        int last = block(0, laneLength - 1);
        for (int i = 0; i < WORDS; i++) {
            long word = memory[last + i];
            for (int lane = 1; lane < lanes; lane++) {
                word ^= memory[block(lane, laneLength - 1) + i];
            }
            LE_LONG.set(blockBytes, i * 8, word);
        }
        byte[] tag = new byte[length];
        blake2b.variableHash(blockBytes, BLOCK_BYTES, tag, length);
        return tag;
    }

    private int block(int lane, int column) {
        return (lane * laneLength + column) * WORDS;
    }

    private static void putInt(byte[] bytes, int at, int value) {
        bytes[at] = (byte) value;
        bytes[at + 1] = (byte) (value >>> 8);
        bytes[at + 2] = (byte) (value >>> 16);
        bytes[at + 3] = (byte) (value >>> 24);
    }
}
