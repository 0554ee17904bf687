package dev.apilab.bench;

import dev.apilab.accounts.Passwords;
import java.util.Arrays;

/**
 * apilab's Argon2id against Bouncy Castle's, in turns within one JVM: on a machine whose speed drifts
 * from minute to minute, the ratio of neighbouring turns says more than two JMH runs one after the
 * other. Run: java -cp bench/jmh/target/benchmarks.jar:target/apilab.jar dev.apilab.bench.PasswordAlternation [turns]
 */
public final class PasswordAlternation {
    private static final String PASSWORD = "correct horse battery staple";
    private static final int HASHES_PER_TURN = 5;

    public static void main(String[] args) {
        int turns = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        PasswordBenchmark bouncyCastle = new PasswordBenchmark();
        double[] ours = new double[turns];
        double[] theirs = new double[turns];
        double[] ratio = new double[turns];
        try (Passwords passwords = new Passwords()) {
            String stored = passwords.hash(PASSWORD);
            for (int turn = -5; turn < turns; turn++) { // the first five warm both up
                long start = System.nanoTime();
                for (int i = 0; i < HASHES_PER_TURN; i++) {
                    passwords.verify(PASSWORD, stored);
                }
                long middle = System.nanoTime();
                for (int i = 0; i < HASHES_PER_TURN; i++) {
                    bouncyCastle.bouncyCastleVerify();
                }
                long end = System.nanoTime();
                if (turn >= 0) {
                    ours[turn] = (middle - start) / 1e6 / HASHES_PER_TURN;
                    theirs[turn] = (end - middle) / 1e6 / HASHES_PER_TURN;
                    ratio[turn] = ours[turn] / theirs[turn];
                }
            }
        }
        Arrays.sort(ours);
        Arrays.sort(theirs);
        Arrays.sort(ratio);
        System.out.printf("ms per verify, median of %d turns: apilab %.1f, Bouncy Castle %.1f; apilab / Bouncy Castle:"
                + " median %.2f, quartiles %.2f-%.2f%n", turns, ours[turns / 2], theirs[turns / 2],
                ratio[turns / 2], ratio[turns / 4], ratio[3 * turns / 4]);
    }
}
