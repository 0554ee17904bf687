package dev.apilab.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.password4j.Argon2Function;
import com.password4j.types.Argon2;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import java.util.stream.Stream;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Our Argon2id gives the RFC's tag and the same tags as two independent implementations. */
class Argon2idEngineTest {
    record Cost(int memoryKib, int iterations, int parallelism, int length) {
    }

    /** Small and odd memories (m not a multiple of 4p), several lanes, tags around H's 64 bytes, ours. */
    static Stream<Cost> costs() {
        return Stream.of(new Cost(8, 1, 1, 32), new Cost(16, 3, 2, 4), new Cost(24, 2, 2, 16),
                new Cost(100, 2, 3, 64), new Cost(257, 1, 4, 65), new Cost(1024, 2, 1, 100),
                new Cost(2048, 1, 2, 32), new Cost(512, 4, 8, 31), new Cost(19456, 2, 1, 32));
    }

    @Test
    void theArgon2idTestVectorOfRfc9106Section53IsReproduced() {
        byte[] tag = new Argon2idEngine().hash(filled(32, 0x01), filled(16, 0x02), filled(8, 0x03), filled(12, 0x04),
                32, 3, 4, 32);
        assertThat(HexFormat.of().formatHex(tag))
                .isEqualTo("0d640df58d78766c08c037a34a8b53c9d01ef0452d75b65eb52520e96b01e659");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("costs")
    void tagsEqualBouncyCastlesForRandomPasswordsSaltsSecretsAndAssociatedData(Cost cost) {
        Random random = new Random(cost.hashCode());
        Argon2idEngine engine = new Argon2idEngine();
        for (int i = 0; i < 3; i++) {
            byte[] password = bytes(random, random.nextInt(41));
            byte[] salt = bytes(random, 8 + random.nextInt(25));
            byte[] secret = bytes(random, i == 0 ? 0 : random.nextInt(33));
            byte[] associatedData = bytes(random, i == 0 ? 0 : random.nextInt(33));
            assertThat(engine.hash(password, salt, secret, associatedData,
                    cost.memoryKib(), cost.iterations(), cost.parallelism(), cost.length()))
                    .as("%s, password %s", cost, HexFormat.of().formatHex(password))
                    .isEqualTo(bouncyCastle(password, salt, secret, associatedData, cost));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("costs")
    void tagsEqualPassword4jsForRandomPasswordsAndSalts(Cost cost) {
        Random random = new Random(-cost.hashCode());
        Argon2idEngine engine = new Argon2idEngine();
        Argon2Function theirs = Argon2Function.getInstance(cost.memoryKib(), cost.iterations(), cost.parallelism(),
                cost.length(), Argon2.ID);
        for (int i = 0; i < 3; i++) {
            byte[] password = bytes(random, 1 + random.nextInt(40));
            byte[] salt = bytes(random, 8 + random.nextInt(25));
            assertThat(engine.hash(password, salt, cost.memoryKib(), cost.iterations(), cost.parallelism(), cost.length()))
                    .as("%s, password %s", cost, HexFormat.of().formatHex(password))
                    .isEqualTo(theirs.hash(password, salt).getBytes());
        }
    }

    @Test
    void oneEngineGivesTheRightTagsWhileItsMemoryGrowsAndIsReusedForSmallerHashes() {
        Argon2idEngine engine = new Argon2idEngine();
        Random random = new Random(19456);
        Cost[] sequence = {new Cost(64, 2, 1, 32), new Cost(19456, 2, 1, 32), new Cost(8, 1, 1, 32),
                new Cost(1024, 2, 2, 32), new Cost(4096, 1, 1, 16), new Cost(19456, 2, 1, 32), new Cost(32, 3, 4, 32),
                new Cost(20480, 1, 1, 32)};
        for (Cost cost : sequence) {
            byte[] password = bytes(random, 16);
            byte[] salt = bytes(random, 16);
            assertThat(engine.hash(password, salt, cost.memoryKib(), cost.iterations(), cost.parallelism(), cost.length()))
                    .as("%s", cost)
                    .isEqualTo(bouncyCastle(password, salt, new byte[0], new byte[0], cost));
        }
    }

    @Test
    void parametersThatRfc9106DoesNotAllowAreRefused() {
        Argon2idEngine engine = new Argon2idEngine();
        byte[] salt = filled(16, 0x02);
        assertThatThrownBy(() -> engine.hash(new byte[8], salt, 15, 1, 2, 32)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> engine.hash(new byte[8], salt, 64, 0, 1, 32)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> engine.hash(new byte[8], salt, 64, 1, 1, 3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> engine.hash(new byte[8], new byte[7], 64, 1, 1, 32))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static byte[] bouncyCastle(byte[] password, byte[] salt, byte[] secret, byte[] associatedData, Cost cost) {
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(cost.memoryKib())
                .withIterations(cost.iterations())
                .withParallelism(cost.parallelism())
                .withSalt(salt)
                .withSecret(secret)
                .withAdditional(associatedData)
                .build());
        byte[] tag = new byte[cost.length()];
        generator.generateBytes(password, tag);
        return tag;
    }

    private static byte[] bytes(Random random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    private static byte[] filled(int length, int value) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, (byte) value);
        return bytes;
    }
}
