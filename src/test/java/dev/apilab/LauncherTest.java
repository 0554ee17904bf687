package dev.apilab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The jar's entry point tells a user on an old Java what to install instead of failing with a class version error. */
class LauncherTest {
    /** The machine's Java 17, when it has one: the Java these machines run by default. */
    private static final Path OLD_JAVA = Path.of("/usr/lib/jvm/java-17-openjdk-amd64/bin/java");

    @ParameterizedTest
    @CsvSource({"1.8, 8", "11, 11", "17, 17", "21, 21", "25.0.1, 25", "garbage, 0"})
    void readsTheFeatureVersionOfEveryJavaNamingScheme(String specification, int feature) {
        assertThat(Launcher.featureVersion(specification)).isEqualTo(feature);
    }

    @Test
    void java17GetsAClearMessageAndExitCodeTwo() throws Exception {
        assumeTrue(Files.isExecutable(OLD_JAVA), "no Java 17 at " + OLD_JAVA + " to try the launcher with");
        String classes = Path.of("target", "classes").toAbsolutePath().toString();
        Process process = new ProcessBuilder(OLD_JAVA.toString(), "-cp", classes + File.pathSeparator, "dev.apilab.Launcher")
                .redirectErrorStream(true).start();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.exitValue()).isEqualTo(2);
        assertThat(output).contains("apilab needs Java 21 or newer; this is Java 17").doesNotContain("UnsupportedClassVersionError");
    }
}
