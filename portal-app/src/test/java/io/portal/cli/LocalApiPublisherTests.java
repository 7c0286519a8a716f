package io.portal.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.portal.testsupport.AdminApi;
import io.portal.testsupport.PortalInstance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shell's token in the store: a start removes every one an earlier run of the same
 * node left behind, also when the file that named it is gone (a run killed before it
 * wrote it, or the file deleted).
 */
class LocalApiPublisherTests {

    @TempDir
    Path dir;

    @Test
    void aStartRemovesTheShellTokensEarlierRunsOfThisNodeLeftBehind() {
        Map<String, Object> settings = PortalInstance.settings(this.dir.resolve("data"));
        Path file = LocalApiFile.in(this.dir.resolve("data"));
        String first;
        try (PortalInstance portal = PortalInstance.start(settings)) {
            first = LocalApiFile.read(file).orElseThrow().token();
            JdbcClient jdbc = portal.bean(JdbcClient.class);
            // What a run killed with its token in the store but no file naming it leaves behind: the same row
            // under another id, which no graceful stop removes.
            jdbc.sql("insert into api_token (id, name, username, secret_hash, created_at, local_to) "
                    + "select 'leftover', name, username, secret_hash, created_at, local_to from api_token "
                    + "where local_to is not null").update();
            assertThat(localTokens(jdbc)).hasSize(2);
        }
        assertThat(file).as("removed at a graceful stop").doesNotExist();
        try (PortalInstance portal = PortalInstance.start(settings)) {
            JdbcClient jdbc = portal.bean(JdbcClient.class);
            assertThat(localTokens(jdbc)).as("only this start's token").hasSize(1).doesNotContain("leftover");
            String current = LocalApiFile.read(file).orElseThrow().token();
            String base = "http://127.0.0.1:" + portal.port("portal.bindings.web.port");
            assertThat(AdminApi.bearer(base, current).get("/api/bindings").status()).isEqualTo(200);
            assertThat(AdminApi.bearer(base, first).get("/api/bindings").status()).isEqualTo(401);
            assertThat(AdminApi.bearer(base, first.replaceFirst("ptk_[^_]+_", "ptk_leftover_")).get("/api/bindings").status())
                .isEqualTo(401);
        }
    }

    private static List<String> localTokens(JdbcClient jdbc) {
        return jdbc.sql("select id from api_token where local_to is not null").query(String.class).list();
    }

}
