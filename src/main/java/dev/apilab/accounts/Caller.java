package dev.apilab.accounts;

import dev.apilab.store.AccountStore.UserRow;

/**
 * Who is making the request: the owner of a valid bearer token, which token it is, and the
 * account as the token check read it (so a profile read needs no second query).
 */
public record Caller(UserRow user, String usernameKey, String tokenId) {
    public long userId() {
        return user.id();
    }

    public String username() {
        return user.username();
    }
}
