package dev.apilab.accounts;

import dev.apilab.store.AccountStore.TokenOwner;
import dev.apilab.store.AccountStore.TokenRow;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tokens checked recently, with their accounts, so that an authenticated read needs no query.
 * Exact only when every change passes through this process, so it is on for SQLite (one
 * instance a file) and off for PostgreSQL, where another instance may log a device out.
 * Every change to a token or an account evicts what it touches once the database has it, and a
 * copy read before an eviction is never put back after it (the generation check), so a log-out
 * is refused from the very next request on.
 */
final class TokenCache {
    private static final int MAX_ENTRIES = 10_000;

    private final boolean enabled;
    private final Map<String, TokenOwner> byPublicId = new ConcurrentHashMap<>();
    /** Moves on at every eviction; a copy read under an older generation may be stale. */
    private long generation;

    TokenCache(boolean enabled) {
        this.enabled = enabled;
    }

    /** Taken before reading: what the copy read next may be put back under. */
    synchronized long stamp() {
        return generation;
    }

    TokenOwner get(String publicId) {
        return enabled ? byPublicId.get(publicId) : null;
    }

    /** Keeps {@code owner}, unless something was evicted since {@code stamp} (it may be stale). */
    synchronized void put(TokenOwner owner, long stamp) {
        if (!enabled || stamp != generation) {
            return;
        }
        if (byPublicId.size() >= MAX_ENTRIES) {
            byPublicId.clear();
        }
        byPublicId.put(owner.token().publicId(), owner);
    }

    /** Records a new last_used on the cached copy (the database has just been written). */
    void touched(TokenOwner owner, long now, long stamp) {
        TokenRow t = owner.token();
        put(new TokenOwner(new TokenRow(t.publicId(), t.userId(), t.secretHash(), t.deviceName(), t.createdAt(),
                t.expiresAt(), now), owner.user(), owner.usernameKey()), stamp);
    }

    synchronized void evictToken(String publicId) {
        generation++;
        byPublicId.remove(publicId);
    }

    /** Every cached token of the user: its account changed, or its tokens did. */
    synchronized void evictUser(long userId) {
        generation++;
        byPublicId.values().removeIf(owner -> owner.user().id() == userId);
    }

    synchronized void clear() {
        generation++;
        byPublicId.clear();
    }
}
