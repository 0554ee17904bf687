package dev.apilab.accounts;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.apilab.accounts.AccessTokens.Issued;
import dev.apilab.http.Json;
import dev.apilab.store.AccountStore.TokenRow;
import dev.apilab.store.AccountStore.UserRow;
import java.math.BigDecimal;
import java.util.Map;
import java.util.TreeMap;

/** The JSON shapes of SPEC §3, built in one place so every route answers alike. */
final class Answers {
    private Answers() {}

    /** Unix epoch seconds, as the notebook shows them (a number with a fraction). */
    static BigDecimal seconds(long millis) {
        return BigDecimal.valueOf(millis, 3);
    }

    static ObjectNode profile(UserRow user) {
        return Json.newObject().put("age", user.age()).put("email", user.email()).put("username", user.username());
    }

    static ObjectNode user(UserRow user) {
        ObjectNode answer = Json.newObject()
                .put("username", user.username())
                .put("email", user.email())
                .put("age", user.age());
        user.roles().forEach(answer.putArray("roles")::add);
        answer.put("created", seconds(user.createdAt()));
        return answer;
    }

    /** TOKEN: the one answer that carries the bearer secret, given once to the device that logged in. */
    static ObjectNode issuedToken(Issued token, String username) {
        TokenRow row = token.row();
        return Json.newObject()
                .put("token", token.bearer())
                .put("id", row.publicId())
                .put("device_name", row.deviceName())
                .put("username", username)
                .put("expires", seconds(row.expiresAt()))
                .put("created", seconds(row.createdAt()));
    }

    /** TOKEN_INFO: "token" holds the public id, never the secret. */
    static ObjectNode tokenInfo(TokenRow row, String username, String currentTokenId) {
        ObjectNode answer = Json.newObject()
                .put("token", row.publicId())
                .put("id", row.publicId())
                .put("device_name", row.deviceName())
                .put("username", username)
                .put("expires", seconds(row.expiresAt()))
                .put("created", seconds(row.createdAt()))
                .put("current", row.publicId().equals(currentTokenId));
        if (row.lastUsedAt() == null) {
            answer.putNull("last_used");
        } else {
            answer.put("last_used", seconds(row.lastUsedAt()));
        }
        return answer;
    }

    /** Grades sorted by subject (by code point, the same on both databases), as Flask's jsonify sorts keys. */
    static ObjectNode grades(Map<String, String> stored) {
        ObjectNode answer = Json.newObject();
        new TreeMap<>(stored).forEach((subject, json) -> answer.set(subject, Json.parseStored(json)));
        return answer;
    }

    static ObjectNode message(String message) {
        return Json.newObject().put("message", message);
    }
}
