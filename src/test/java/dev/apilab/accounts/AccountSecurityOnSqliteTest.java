package dev.apilab.accounts;

import dev.apilab.support.RunningServer;
import dev.apilab.support.TestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

class AccountSecurityOnSqliteTest extends AccountSecurityContract {
    @RegisterExtension
    static final RunningServer server = RunningServer.on(TestDatabase.Kind.SQLITE);

    @Override
    RunningServer server() {
        return server;
    }
}
