package dev.apilab.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfigTest {
    @Test
    void defaultsAreThoseOfTheSpec() {
        Config config = Config.from(Map.of());
        assertThat(config.port()).isEqualTo(3001);
        assertThat(config.host()).isEqualTo("127.0.0.1");
        assertThat(config.databaseUrl()).isEqualTo("jdbc:sqlite:data/apilab.db");
        assertThat(config.tokenTtl()).isEqualTo(Duration.ofHours(24));
        assertThat(config.allowDatabaseReset()).isTrue();
        assertThat(config.corsOrigins()).containsExactly("*");
        assertThat(config.logLevel()).isEqualTo("info");
    }

    @Test
    void databaseResetIsOffByDefaultWhenSharedOnTheNetwork() {
        assertThat(Config.from(Map.of("HOST", "0.0.0.0")).allowDatabaseReset()).isFalse();
        assertThat(Config.from(Map.of("HOST", "0.0.0.0", "ALLOW_DATABASE_RESET", "true")).allowDatabaseReset()).isTrue();
    }

    @ParameterizedTest
    @CsvSource({"30m,PT30M", "12h,PT12H", "7d,PT168H", "PT1H,PT1H", "45s,PT45S", "p2d,PT48H"})
    void tokenLifetimesAreReadAsPeopleWriteThem(String text, String expected) {
        assertThat(Config.from(Map.of("TOKEN_TTL", text)).tokenTtl()).isEqualTo(Duration.parse(expected));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "PORT|abc|Invalid PORT=\"abc\": expected a whole number from 0 to 65535 (0 picks a free port)",
        "PORT|70000|Invalid PORT=\"70000\": expected a whole number from 0 to 65535 (0 picks a free port)",
        "TOKEN_TTL|soon|Invalid TOKEN_TTL=\"soon\": expected a duration from 1s to 3650d such as 30m, 12h, 7d or PT1H",
        "TOKEN_TTL|0s|Invalid TOKEN_TTL=\"0s\": expected a duration from 1s to 3650d such as 30m, 12h, 7d or PT1H",
        "ALLOW_DATABASE_RESET|maybe|Invalid ALLOW_DATABASE_RESET=\"maybe\": expected true or false",
        "LOG_LEVEL|loud|Invalid LOG_LEVEL=\"loud\": expected one of error, warn, info, debug",
        "CORS_ORIGINS|example.com|Invalid CORS_ORIGINS=\"example.com\": expected * or a comma-separated list of origins such as http://localhost:5173",
        "DATABASE_URL|mysql://x|Invalid DATABASE_URL=\"mysql://x\": expected jdbc:sqlite:<file>, jdbc:postgresql://host:port/db or postgresql://user:password@host/db",
    })
    void aBadValueIsOneLineNamingTheVariableTheValueAndWhatIsAllowed(String name, String value, String message) {
        assertThatThrownBy(() -> Config.from(Map.of(name, value)))
                .isInstanceOf(ConfigException.class)
                .hasMessage(message);
    }

    @Test
    void aPasswordInABadDatabaseUrlIsNeverEchoed() {
        assertThatThrownBy(() -> Config.from(Map.of("DATABASE_URL", "mysql://bob:s3cret@db/x")))
                .hasMessageNotContaining("s3cret");
        assertThat(Config.withoutPassword("postgresql://bob:s3cret@db/x")).isEqualTo("postgresql://bob:***@db/x");
        assertThat(Config.withoutPassword("jdbc:postgresql://db/x?user=bob&password=s3cret")).doesNotContain("s3cret");
    }

    @Test
    void anEmptyValueMeansTheDefault() {
        assertThat(Config.from(Map.of("PORT", "")).port()).isEqualTo(3001);
    }

    @Test
    void dotEnvIsReadAndARealVariableWinsOverIt(@TempDir Path folder) throws Exception {
        Files.writeString(folder.resolve(".env"), "PORT=4000\nHOST=0.0.0.0\n# a comment\nLOG_LEVEL=debug\n");
        Map<String, String> values = Config.environment(Map.of("PORT", "5000"), folder);
        Config config = Config.from(values);
        assertThat(config.port()).isEqualTo(5000);
        assertThat(config.host()).isEqualTo("0.0.0.0");
        assertThat(config.logLevel()).isEqualTo("debug");
    }

    @Test
    void noDotEnvIsFine(@TempDir Path folder) {
        assertThat(Config.environment(Map.of(), folder)).isEmpty();
    }
}
