package dev.apilab.accounts;

import dev.apilab.accounts.AccessTokens.Issued;
import dev.apilab.http.ApiException;
import dev.apilab.store.AccountStore;
import dev.apilab.store.AccountStore.NewUser;
import dev.apilab.store.AccountStore.TokenOwner;
import dev.apilab.store.AccountStore.TokenPage;
import dev.apilab.store.AccountStore.TokenRow;
import dev.apilab.store.AccountStore.UserRow;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The account rules the HTTP services call: sign-up, log-in, tokens, profiles and grades. No HTTP inside. */
public final class Accounts {
    /** A token's last_used is written at most this often, not on every request. */
    static final long LAST_USED_RESOLUTION_MILLIS = 60_000;
    /** Live tokens a user may hold; logging in past it revokes the oldest. */
    public static final int MAX_LIVE_TOKENS = 100;

    private final AccountStore store;
    private final Passwords passwords;
    private final Duration tokenTtl;
    private final Throttle throttle;
    private final TokenCache cache;
    private final Clock clock;

    public record SignUp(String username, String password, String email, int age, String deviceName, List<String> roles) {}

    public record SignedUp(UserRow user, Issued token) {}

    /** A new device session: the token and the username as it was registered. */
    public record LoggedIn(String username, Issued token) {}

    /** {@code cacheTokens} only where every change passes through this process (SQLite). */
    public Accounts(AccountStore store, Passwords passwords, Duration tokenTtl, Throttle throttle, Clock clock, boolean cacheTokens) {
        this.store = store;
        this.passwords = passwords;
        this.tokenTtl = tokenTtl;
        this.throttle = throttle;
        this.clock = clock;
        this.cache = new TokenCache(cacheTokens);
    }

    /** Signs up a user from {@code clientAddress}, which is limited in how many sign-ups it may make. */
    public SignedUp signUp(SignUp request, String clientAddress) {
        throttle.admitSignUp(clientAddress);
        // Refuse a taken name before spending a hash on it; the unique key still settles races.
        if (store.findUser(AccountRules.key(request.username())).isPresent()) {
            throw ApiException.badRequest("User already exists");
        }
        String hash = passwords.hash(request.password());
        long now = clock.millis();
        Issued token = AccessTokens.issue(0, request.deviceName(), now, tokenTtl);
        NewUser user = new NewUser(request.username(), AccountRules.key(request.username()), hash,
                request.email(), request.age(), request.roles(), now);
        try {
            UserRow created = store.createUser(user, token.row());
            return new SignedUp(created, withOwner(token, created.id()));
        } catch (AccountStore.UsernameTaken e) {
            throw ApiException.badRequest("User already exists");
        }
    }

    /** Log in on a device: a new token. The same 401 whether the user or the password is wrong. */
    public LoggedIn logIn(String username, String password, String deviceName, String clientAddress) {
        // Names that cannot exist share one bucket, so a flood of odd names cannot grow the table.
        boolean possible = AccountRules.isUsername(username);
        String key = possible ? AccountRules.key(username) : "(not a username)";
        throttle.checkLogIn(key, clientAddress);
        Optional<UserRow> user = possible ? store.findUser(key) : Optional.empty();
        if (user.isEmpty()) {
            passwords.verifyDecoy(password);
            throttle.recordFailedLogIn(key, clientAddress);
            throw invalidCredentials();
        }
        UserRow row = user.get();
        if (!passwords.verify(password, row.passwordHash())) {
            throttle.recordFailedLogIn(key, clientAddress);
            throw invalidCredentials();
        }
        throttle.recordLogIn(key);
        if (passwords.needsRehash(row.passwordHash())) {
            store.updatePasswordHash(row.id(), passwords.hash(password));
        }
        Issued token = AccessTokens.issue(row.id(), deviceName, clock.millis(), tokenTtl);
        store.addToken(token.row(), MAX_LIVE_TOKENS);
        // Past the cap the oldest token was revoked; drop the user's cached ones rather than track which.
        cache.evictUser(row.id());
        return new LoggedIn(row.username(), token);
    }

    /** Resolves a bearer token to its owner, or throws the 401 that says what is wrong with it. */
    public Caller authenticate(String bearer) {
        AccessTokens.Parsed parsed = AccessTokens.parse(bearer).orElseThrow(Accounts::invalidToken);
        long stamp = cache.stamp();
        TokenOwner owner = cache.get(parsed.publicId());
        if (owner == null) {
            owner = store.findTokenOwner(parsed.publicId()).orElseThrow(Accounts::invalidToken);
            cache.put(owner, stamp);
        }
        TokenRow token = owner.token();
        if (!AccessTokens.secretMatches(parsed.secret(), token.secretHash())) {
            throw invalidToken();
        }
        long now = clock.millis();
        if (token.expiresAt() <= now) {
            store.deleteToken(token.userId(), token.publicId());
            cache.evictToken(token.publicId());
            throw ApiException.unauthorized("Access token expired");
        }
        if (token.lastUsedAt() == null || now - token.lastUsedAt() >= LAST_USED_RESOLUTION_MILLIS) {
            store.touchToken(token.publicId(), now);
            cache.touched(owner, now, stamp);
        }
        return new Caller(owner.user(), owner.usernameKey(), token.publicId());
    }

    /** The caller's account, as read with its token in this very request. */
    public UserRow user(Caller caller) {
        return caller.user();
    }

    public void deleteUser(Caller caller) {
        store.deleteUser(caller.userId());
        cache.evictUser(caller.userId());
    }

    public UserRow updateProfile(Caller caller, String email, int age) {
        Optional<UserRow> updated = store.updateProfile(caller.userId(), email, age);
        cache.evictUser(caller.userId());
        return updated.orElseThrow(Accounts::invalidToken);
    }

    public TokenPage tokens(Caller caller, int limit, long offset) {
        return store.listTokens(caller.userId(), clock.millis(), limit, offset);
    }

    /** One of the caller's tokens, named by its public id or by the whole bearer string. */
    public TokenRow token(Caller caller, String idOrToken) {
        Optional<AccessTokens.Parsed> full = AccessTokens.parse(idOrToken);
        String publicId = full.map(AccessTokens.Parsed::publicId).orElse(idOrToken);
        if (full.isEmpty() && !AccessTokens.isPublicId(idOrToken)) {
            throw tokenNotFound();
        }
        TokenRow token = store.findToken(caller.userId(), publicId)
                .filter(t -> t.expiresAt() > clock.millis())
                .orElseThrow(Accounts::tokenNotFound);
        if (full.isPresent() && !AccessTokens.secretMatches(full.get().secret(), token.secretHash())) {
            throw tokenNotFound();
        }
        return token;
    }

    public void logOut(Caller caller, String idOrToken) {
        TokenRow token = token(caller, idOrToken);
        store.deleteToken(caller.userId(), token.publicId());
        cache.evictToken(token.publicId());
    }

    public int logOutEverywhere(Caller caller) {
        int deleted = store.deleteTokens(caller.userId());
        cache.evictUser(caller.userId());
        return deleted;
    }

    public Map<String, String> grades(Caller caller) {
        return store.grades(caller.userId());
    }

    public Map<String, String> replaceGrades(Caller caller, Map<String, String> grades) {
        return store.replaceGrades(caller.userId(), grades);
    }

    public Map<String, String> mergeGrades(Caller caller, Map<String, String> changes) {
        return store.mergeGrades(caller.userId(), changes, AccountRules.MAX_SUBJECTS)
                .orElseThrow(() -> ApiException.badRequest("At most " + AccountRules.MAX_SUBJECTS + " subjects may have grades"));
    }

    public void deleteGrades(Caller caller) {
        store.deleteGrades(caller.userId());
    }

    public void deleteEverything() {
        store.deleteEverything();
        cache.clear();
    }

    /** Housekeeping: expired tokens and ended rate-limit windows go. Returns the tokens purged. */
    public int purgeExpired() {
        throttle.purgeEndedWindows();
        return store.deleteExpiredTokens(clock.millis());
    }

    public long now() {
        return clock.millis();
    }

    private static Issued withOwner(Issued token, long userId) {
        TokenRow row = token.row();
        return new Issued(token.bearer(), new TokenRow(row.publicId(), userId, row.secretHash(), row.deviceName(),
                row.createdAt(), row.expiresAt(), row.lastUsedAt()));
    }

    private static ApiException invalidCredentials() {
        return ApiException.unauthorized("Invalid username or password");
    }

    static ApiException invalidToken() {
        return ApiException.unauthorized("Invalid access token");
    }

    private static ApiException tokenNotFound() {
        return ApiException.notFound("Access token not found");
    }
}
