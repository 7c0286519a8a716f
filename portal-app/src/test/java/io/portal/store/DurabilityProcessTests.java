package io.portal.store;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import io.portal.testsupport.AdminApi;
import io.portal.testsupport.FreePorts;
import io.portal.testsupport.PortalInstance;
import io.portal.testsupport.PortalProcess;
import io.portal.testsupport.TestCertificates;
import io.portal.testsupport.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A 2xx answer means the change is on disk: the packaged portal is killed with SIGKILL
 * right after (or shortly after) confirming a change, started again, and every confirmed
 * change must be there. Each cycle makes one change of each kind (binding, HTTPS setting,
 * certificate import, API token), in a rotating order so that each kind is the last one
 * before a kill in some cycle, and kills at a different delay; on the embedded H2 store
 * and on PostgreSQL.
 */
class DurabilityProcessTests {

    /**
     * How long after the last confirmed change each cycle kills the portal. With H2's
     * default write delay (500 ms), changes killed within about a second were lost.
     */
    private static final List<Duration> KILL_DELAYS = List.of(Duration.ZERO, Duration.ZERO, Duration.ofMillis(150),
            Duration.ofMillis(400));

    private static final List<String> KINDS = List.of("binding", "settings", "certificate", "token");

    @TempDir
    Path dir;

    @Test
    void confirmedChangesSurviveAKillOnTheEmbeddedStore() {
        assertEveryConfirmedChangeSurvives(new LinkedHashMap<>(), "H2", KILL_DELAYS);
    }

    @Test
    void confirmedChangesSurviveAKillOnPostgres() {
        try (TestPostgres.Schema schema = TestPostgres.schema()) {
            // PostgreSQL commits synchronously by default; fewer cycles keep the test short.
            assertEveryConfirmedChangeSurvives(schema.configure(new LinkedHashMap<>()), "PostgreSQL", KILL_DELAYS.subList(1, 3));
        }
    }

    private void assertEveryConfirmedChangeSurvives(Map<String, Object> settings, String store, List<Duration> killDelays) {
        settings.put("portal.bindings.web.port", FreePorts.next());
        settings.put("portal.bindings.secure.port", FreePorts.next());
        settings.put("spring.main.banner-mode", "off");
        Map<String, String> environment = Map.of("PORTAL_ADMIN_PASSWORD", PortalInstance.ADMIN_PASSWORD);
        String base = "http://127.0.0.1:" + settings.get("portal.bindings.web.port");
        List<Confirmed> confirmed = new ArrayList<>();
        List<String> lost = new ArrayList<>();
        int kills = 0;
        int killsSurvived = 0;
        int changes = 0;
        for (int cycle = 0; cycle <= killDelays.size(); cycle++) {
            PortalProcess portal = PortalProcess.run(this.dir, environment, settings);
            try {
                AdminApi api = AdminApi.basic(base, "admin", PortalInstance.ADMIN_PASSWORD);
                List<String> missing = confirmed.stream().filter((c) -> !c.check().test(api)).map(Confirmed::what)
                    .filter((what) -> !lost.contains(what)).toList();
                lost.addAll(missing);
                killsSurvived += (cycle > 0 && missing.isEmpty()) ? 1 : 0;
                // A setting changed again below supersedes the value checked now.
                confirmed.removeIf(Confirmed::superseded);
                if (cycle == killDelays.size()) {
                    portal.stop();
                    break;
                }
                for (int k = 0; k < KINDS.size(); k++) {
                    confirmed.add(change(api, KINDS.get((cycle + k) % KINDS.size()), cycle));
                    changes++;
                }
                sleep(killDelays.get(cycle));
                portal.kill();
                kills++;
            }
            finally {
                portal.close();
            }
        }
        System.out.println("Durability on " + store + ": " + killsSurvived + " of " + kills + " kills lost nothing; "
                + (changes - lost.size()) + " of " + changes + " confirmed changes survived"
                + (lost.isEmpty() ? "" : "; lost: " + lost));
        assertThat(lost).as("changes confirmed with a 2xx but lost after kill -9 on " + store).isEmpty();
    }

    private Confirmed change(AdminApi api, String kind, int cycle) {
        String name = kind.substring(0, 4) + "-" + cycle;
        switch (kind) {
            case "binding" -> {
                AdminApi.Response response = api.post("/api/bindings",
                        "{\"name\":\"" + name + "\",\"scheme\":\"http\",\"port\":" + FreePorts.next() + "}");
                assertThat(response.status()).as(response.body()).isEqualTo(201);
                return new Confirmed("binding " + name, false, (a) -> a.get("/api/bindings/" + name).status() == 200);
            }
            case "settings" -> {
                long maxAge = 3600 + 60L * (cycle + 1);
                AdminApi.Response response = api.put("/api/settings/https", "{\"hstsMaxAge\":\"" + maxAge + "\"}", null);
                assertThat(response.status()).as(response.body()).isEqualTo(200);
                return new Confirmed("hstsMaxAge " + maxAge, true,
                        (a) -> a.get("/api/settings/https").json().get("sentHstsMaxAgeSeconds").asLong() == maxAge);
            }
            case "certificate" -> {
                TestCertificates.Issued leaf = TestCertificates.leaf(TestCertificates.ca("Durability CA"), name + ".portal.test");
                AdminApi.Response response = api.upload("/api/certificates", Map.of("name", name, "certificate",
                        TestCertificates.pem(leaf.chain()), "privateKey", TestCertificates.pem(leaf.key())), Map.of());
                assertThat(response.status()).as(response.body()).isEqualTo(201);
                return new Confirmed("certificate " + name, false, (a) -> a.get("/api/certificates/" + name).status() == 200);
            }
            default -> {
                AdminApi.Response response = api.post("/api/tokens", "{\"name\":\"" + name + "\"}");
                assertThat(response.status()).as(response.body()).isEqualTo(201);
                String id = response.json().at("/entry/id").asString();
                return new Confirmed("token " + name, false, (a) -> a.get("/api/tokens").body().contains("\"" + id + "\""));
            }
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    /**
     * A change the portal confirmed, and how to see that it is still there.
     *
     * @param what the change
     * @param superseded whether the next cycle's change of the same kind replaces it
     * @param check whether the change is there
     */
    private record Confirmed(String what, boolean superseded, Predicate<AdminApi> check) {
    }

}
