package dev.apilab.accounts;

/** Who is making the request: the owner of a valid bearer token, and which token it is. */
public record Caller(long userId, String username, String usernameKey, String tokenId) {}
