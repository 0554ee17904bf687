package dev.apilab.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The hash strings are standard Argon2id PHC strings: another implementation reads ours and we read its. */
class PasswordsTest {
    private static final Passwords passwords = new Passwords();

    @AfterAll
    static void close() {
        passwords.close();
    }

    @Test
    void ourHashIsCheckedByAnIndependentArgon2idImplementation() {
        String hash = passwords.hash("password123");
        assertThat(hash).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
        assertThat(Password.check("password123", hash).with(Argon2Function.getInstanceFromHash(hash))).isTrue();
        assertThat(Password.check("password124", hash).with(Argon2Function.getInstanceFromHash(hash))).isFalse();
    }

    @Test
    void aHashFromAnIndependentImplementationIsVerifiedAndMarkedForRehashWhenWeaker() {
        String theirs = Password.hash("password123").addRandomSalt(16)
                .with(Argon2Function.getInstance(19456, 2, 1, 32, Argon2.ID)).getResult();
        assertThat(passwords.verify("password123", theirs)).isTrue();
        assertThat(passwords.verify("wrong-password", theirs)).isFalse();
        assertThat(passwords.needsRehash(theirs)).isFalse();
        String weak = Password.hash("password123").addRandomSalt(16)
                .with(Argon2Function.getInstance(4096, 1, 1, 32, Argon2.ID)).getResult();
        assertThat(passwords.verify("password123", weak)).isTrue();
        assertThat(passwords.needsRehash(weak)).isTrue();
    }

    @Test
    void somethingThatIsNotAnArgon2idHashNeverMatches() {
        assertThat(passwords.verify("password123", "5f4dcc3b5aa765d61d8327deb882cf99")).isFalse();
        assertThat(passwords.needsRehash("5f4dcc3b5aa765d61d8327deb882cf99")).isTrue();
    }

    @Test
    void aStoredHashAskingForMoreThan256MebibytesIsRefusedWithoutHashing() {
        String huge = "$argon2id$v=19$m=9999999,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$"
                + "Cm3h6nJ5ZYjGm3m0nJ5ZYjGm3m0nJ5ZYjGm3m0nJ5ZY";
        assertThat(passwords.verify("password123", huge)).isFalse();
        assertThat(passwords.needsRehash(huge)).isTrue();
    }
}
