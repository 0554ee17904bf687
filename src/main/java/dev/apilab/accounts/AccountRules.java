package dev.apilab.accounts;

import com.fasterxml.jackson.databind.JsonNode;
import dev.apilab.http.ApiException;
import dev.apilab.http.Json;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** SPEC §3's field rules, each failure a 400 that names the field. */
public final class AccountRules {
    public static final int MAX_SUBJECTS = 100;
    public static final String DEFAULT_DEVICE = "Unknown device";
    static final Set<String> ROLES = Set.of("student", "teacher");
    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._-]{1,32}");
    private static final Pattern EMAIL = Pattern.compile("[^\\s@]+@[^\\s@.]+(\\.[^\\s@.]+)+");
    private static final Pattern CONTROL = Pattern.compile("\\p{Cc}");

    private AccountRules() {}

    public static boolean isUsername(String value) {
        // "." and ".." would be path segments that a URL resolves away, not a name.
        return USERNAME.matcher(value).matches() && !value.matches("\\.+");
    }

    public static String username(String value) {
        if (!isUsername(value)) {
            throw ApiException.invalidField("username", "must be 1 to 32 characters: ASCII letters, digits, '.', '_' or '-' (not only dots)");
        }
        return value;
    }

    /** The key names are compared by: ASCII lower case, the same in both databases. */
    public static String key(String username) {
        return username.toLowerCase(Locale.ROOT);
    }

    public static String password(String value) {
        String normalised = Passwords.normalise(value);
        int length = normalised.codePointCount(0, normalised.length());
        if (length < 8 || length > 1024) {
            throw ApiException.invalidField("password", "must be 8 to 1024 characters long");
        }
        return value;
    }

    public static String email(String value) {
        // Control characters too: PostgreSQL refuses a NUL in text, and no address has one.
        if (value.length() > 254 || !EMAIL.matcher(value).matches() || CONTROL.matcher(value).find()) {
            throw ApiException.invalidField("email",
                    "must be an email address such as arne@example.com, at most 254 characters, without control characters");
        }
        return value;
    }

    public static int age(BigInteger value) {
        if (value.signum() < 0 || value.compareTo(BigInteger.valueOf(150)) > 0) {
            throw ApiException.invalidField("age", "must be a whole number from 0 to 150");
        }
        return value.intValue();
    }

    public static String deviceName(String value) {
        int length = value.codePointCount(0, value.length());
        if (length < 1 || length > 100 || value.isBlank() || CONTROL.matcher(value).find()) {
            throw ApiException.invalidField("device_name", "must be 1 to 100 characters, without control characters");
        }
        return value;
    }

    public static List<String> roles(List<String> values) {
        Set<String> roles = new LinkedHashSet<>();
        for (String role : values) {
            if (!ROLES.contains(role)) {
                throw ApiException.invalidField("roles", "may only contain \"student\" and \"teacher\", not \"" + shorten(role) + "\"");
            }
            roles.add(role);
        }
        return List.copyOf(roles);
    }

    /**
     * Grades as stored: subject to the grade's JSON text. With {@code nullRemoves} (PATCH), a null
     * grade means "remove this subject" and is kept as a null value.
     */
    public static Map<String, String> grades(Iterable<Map.Entry<String, JsonNode>> fields, boolean nullRemoves) {
        Map<String, String> grades = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> field : fields) {
            String subject = field.getKey();
            int length = subject.codePointCount(0, subject.length());
            if (length < 1 || length > 64 || subject.isBlank() || CONTROL.matcher(subject).find()) {
                throw ApiException.invalidField(shorten(subject), "is not a valid subject: use 1 to 64 characters, without control characters");
            }
            grades.put(subject, grade(subject, field.getValue(), nullRemoves));
            if (grades.size() > MAX_SUBJECTS) {
                throw ApiException.badRequest("At most " + MAX_SUBJECTS + " subjects may have grades");
            }
        }
        return grades;
    }

    private static String grade(String subject, JsonNode grade, boolean nullRemoves) {
        if (grade.isNull() && nullRemoves) {
            return null;
        }
        if (grade.isNumber()) {
            double asClientsReadIt = grade.doubleValue();
            if (Double.isInfinite(asClientsReadIt) || asClientsReadIt == 0 && grade.decimalValue().signum() != 0) {
                // 1e400 would reach a JavaScript or Python client as Infinity, 1e-400 as 0: refuse, do not change it.
                throw ApiException.invalidField(subject, "must be a number a JSON client can read as it is (from 1e-308 to 1e308 in size)");
            }
            String text = Json.write(grade);
            if (text.length() > 32) {
                throw ApiException.invalidField(subject, "must be a number of at most 32 characters or a string of at most 8");
            }
            return text;
        }
        if (grade.isTextual() && grade.textValue().codePointCount(0, grade.textValue().length()) <= 8) {
            return Json.write(grade);
        }
        throw ApiException.invalidField(subject, "must be a number or a string of at most 8 characters, not "
                + (grade.isTextual() ? "a longer string" : Json.describe(grade)));
    }

    private static String shorten(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "…" : text;
    }
}
