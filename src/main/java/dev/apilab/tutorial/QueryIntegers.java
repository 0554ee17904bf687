package dev.apilab.tutorial;

import dev.apilab.http.ApiException;
import io.helidon.webserver.http.ServerRequest;
import java.math.BigInteger;
import java.util.List;
import java.util.regex.Pattern;

/** Reads whole numbers from the query string as Python's int() would, but answers 400 where it would crash. */
final class QueryIntegers {
    /** Python refuses longer integer strings too (sys.int_info.default_max_str_digits). */
    static final int MAX_DIGITS = 4300;
    private static final Pattern INTEGER = Pattern.compile("[+-]?[0-9]+");
    private static final Pattern DECIMAL = Pattern.compile("[+-]?([0-9]+\\.[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?|[+-]?[0-9]+[eE][+-]?[0-9]+");

    private QueryIntegers() {}

    static BigInteger required(ServerRequest request, String name) {
        List<String> values = request.query().all(name, List::of);
        if (values.isEmpty()) {
            throw ApiException.invalidField(name, "is missing: add ?" + name + "=<integer> to the URL");
        }
        if (values.size() > 1) {
            throw ApiException.invalidField(name, "is given " + values.size() + " times; give it once");
        }
        return parse(name, values.get(0));
    }

    static BigInteger parse(String name, String raw) {
        String text = raw.strip();
        if (text.isEmpty()) {
            throw ApiException.invalidField(name, "is empty; expected an integer");
        }
        if (INTEGER.matcher(text).matches()) {
            if (text.length() > MAX_DIGITS) {
                throw ApiException.invalidField(name, "has more than " + MAX_DIGITS + " digits");
            }
            return new BigInteger(text);
        }
        if (DECIMAL.matcher(text).matches()) {
            throw ApiException.invalidField(name, "must be a whole number; decimals are not accepted (got " + quote(raw) + ")");
        }
        throw ApiException.invalidField(name, "must be an integer (got " + quote(raw) + ")");
    }

    private static String quote(String raw) {
        String shown = raw.length() > 40 ? raw.substring(0, 40) + "…" : raw;
        return "'" + shown + "'";
    }
}
