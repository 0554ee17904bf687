package dev.apilab.accounts;

import dev.apilab.support.RunningServer;
import dev.apilab.support.TestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

class TokensOnPostgresTest extends TokensContract {
    @RegisterExtension
    static final RunningServer server = RunningServer.on(TestDatabase.Kind.POSTGRESQL);

    @Override
    RunningServer server() {
        return server;
    }
}
