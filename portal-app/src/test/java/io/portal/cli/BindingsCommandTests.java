package io.portal.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.portal.cli.ConfigureCommandTests.Shell;
import io.portal.testsupport.AdminApi;
import io.portal.testsupport.FreePorts;
import io.portal.testsupport.PortalInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code java -jar portal.jar bindings} against a stand-in for the admin API's binding
 * contract ({@code PATCH /api/bindings/{name}} with a JSON merge patch,
 * {@code DELETE /api/bindings/{name}/override}): the requests it makes, and what it prints
 * of the answers. Against a real portal, see {@code ShellProcessTests}.
 */
class BindingsCommandTests {

    private static final String TOKEN = "ptk_test_secret";

    private HttpServer server;

    private final List<Request> requests = new CopyOnWriteArrayList<>();

    private volatile int status = 200;

    private volatile String answer = "{}";

    @BeforeEach
    void start() throws IOException {
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        this.server.createContext("/", this::handle);
        this.server.start();
    }

    @AfterEach
    void stop() {
        this.server.stop(0);
    }

    @Test
    void setSendsAMergePatchOfTheNamedFields() {
        this.answer = """
                {"binding":{"name":"secure"},"plan":{"summary":"Change binding 'secure'","steps":[{"action":"swap-certificate",
                "description":"Swap the certificate of binding 'secure' from 'portal' to 'public'; open connections are kept"}],
                "warnings":[],"script":{"bash":"#!/usr/bin/env bash\\n"}}}""";
        Shell shell = bindings("set", "secure", "--ssl-bundle=public", "--port=443", "--redirect-to=");
        assertThat(shell.exitCode()).as(shell.err()).isZero();
        assertThat(this.requests).singleElement().satisfies((request) -> {
            assertThat(request.method()).isEqualTo("PATCH");
            assertThat(request.uri()).isEqualTo("/api/bindings/secure");
            assertThat(request.contentType()).isEqualTo("application/merge-patch+json");
            assertThat(request.body()).isEqualTo("{\"sslBundle\":\"public\",\"port\":443,\"redirectTo\":null}");
            assertThat(request.authorization()).isEqualTo("Bearer " + TOKEN);
        });
        assertThat(shell.out()).isEqualTo("Done: Change binding 'secure'\n  1. Swap the certificate of binding 'secure' from "
                + "'portal' to 'public'; open connections are kept\n");
    }

    @Test
    void aDryRunAsksForThePlanAndPrintsTheScript() {
        this.answer = """
                {"plan":{"summary":"Change binding 'web'","steps":[],"warnings":["HSTS is on, but ..."],
                "script":{"bash":"#!/usr/bin/env bash\\nset -euo pipefail\\n"}}}""";
        Shell shell = bindings("set", "web", "--redirect-to=secure", "--dry-run");
        assertThat(shell.exitCode()).as(shell.err()).isZero();
        assertThat(this.requests.get(0).uri()).isEqualTo("/api/bindings/web?dryRun=true");
        assertThat(shell.out()).isEqualTo("Dry run, nothing was changed: Change binding 'web'\nWarning: HSTS is on, but ...\n"
                + "Script:\n#!/usr/bin/env bash\nset -euo pipefail\n");
    }

    @Test
    void resetAndRemoveUseTheirOwnCalls() {
        this.answer = "{\"plan\":{\"summary\":\"Reset binding 'secure'\",\"steps\":[],\"warnings\":[]}}";
        assertThat(bindings("reset", "secure").exitCode()).isZero();
        assertThat(bindings("remove", "extra", "--dry-run").exitCode()).isZero();
        assertThat(this.requests).extracting((r) -> r.method() + " " + r.uri())
            .containsExactly("DELETE /api/bindings/secure/override", "DELETE /api/bindings/extra?dryRun=true");
    }

    @Test
    void listShowsEachBindingWithItsOrigin() {
        this.answer = """
                [{"name":"secure","state":"running","scheme":"https","address":null,"port":443,"sslBundle":"public",
                  "source":"config","overridden":true,"origin":"application.yml line 12"},
                 {"name":"extra","state":"failed","scheme":"https","address":"10.0.0.5","port":9443,"sslBundle":"portal",
                  "source":"runtime","overridden":false,"origin":"added by admin at 2026-03-01T10:00:00Z"}]""";
        Shell shell = bindings("list");
        assertThat(shell.exitCode()).as(shell.err()).isZero();
        assertThat(shell.out().lines()).containsExactly(
                "Binding      State    Scheme Address         Port   Certificate    Origin",
                "secure       running  https  *               443    public         application.yml line 12 (overridden at runtime)",
                "extra        failed   https  10.0.0.5        9443   portal         added by admin at 2026-03-01T10:00:00Z");
        assertThat(this.requests.get(0).uri()).isEqualTo("/api/bindings");
    }

    @Test
    void theApisRefusalIsOneLineWithWhatToDo() {
        this.status = 409;
        this.answer = "{\"title\":\"Conflict\",\"detail\":\"Port 443 is used by binding 'other'.\","
                + "\"action\":\"Choose another port.\"}";
        Shell shell = bindings("set", "secure", "--port=443");
        assertThat(shell.exitCode()).isEqualTo(2);
        assertThat(shell.err()).isEqualTo("Port 443 is used by binding 'other'. Choose another port. Nothing was changed.\n");
    }

    @Test
    void badOptionsAreRefusedBeforeAnyCall() {
        Map<String[], String> refused = new java.util.LinkedHashMap<>();
        refused.put(new String[] { "set", "secure", "--port=70000" }, "Invalid option --port=70000: a port is a whole number "
                + "from 1 to 65535, such as --port=443. Nothing was changed.");
        refused.put(new String[] { "set", "secure", "--colour=blue" }, "Unknown option --colour. " + BindingsCommand.USAGE);
        refused.put(new String[] { "set", "secure" }, "Give the fields to change, such as bindings set secure "
                + "--ssl-bundle=public. " + BindingsCommand.USAGE);
        refused.put(new String[] { "set", "secure", "--enabled=maybe" }, "Invalid option --enabled=maybe: give true or false. "
                + "Nothing was changed.");
        refused.put(new String[] { "set", "secure", "--sni=api.example.com" }, "Invalid option --sni=api.example.com: give "
                + "host=certificate pairs, such as --sni=api.example.com=api,www.example.com=www. Nothing was changed.");
        refused.put(new String[] { "show" }, "Name the binding: " + BindingsCommand.USAGE);
        refused.put(new String[] { "list", "--dry-run" }, "Unknown option --dry-run. " + BindingsCommand.USAGE);
        refused.put(new String[] { "rename", "secure" }, "Unknown subcommand 'rename'. " + BindingsCommand.USAGE);
        refused.forEach((args, message) -> {
            Shell shell = bindings(args);
            assertThat(shell.exitCode()).as(String.join(" ", args)).isEqualTo(2);
            assertThat(shell.err()).as(String.join(" ", args)).isEqualTo(message + "\n");
        });
        assertThat(this.requests).isEmpty();
    }

    @Test
    void withoutARunningPortalListAndShowReadTheBindingsAsStoredOverridesChangedThem(@TempDir Path dir) {
        Map<String, Object> settings = PortalInstance.settings(dir.resolve("data"));
        int moved = FreePorts.next();
        int extra = FreePorts.next();
        try (PortalInstance portal = PortalInstance.start(settings)) {
            assertThat(portal.api().patch("/api/bindings/secure", "{\"port\":" + moved + "}", null).status()).isEqualTo(200);
            assertThat(portal.api().post("/api/bindings", "{\"name\":\"extra\",\"scheme\":\"http\",\"port\":" + extra + "}")
                .status()).isEqualTo(201);
            // Through the new binding: disabling web closes the connection it is asked on.
            AdminApi viaExtra = AdminApi.basic("http://127.0.0.1:" + extra, "admin", PortalInstance.ADMIN_PASSWORD);
            assertThat(viaExtra.patch("/api/bindings/web", "{\"enabled\":false}", null).status()).isEqualTo(200);
        }
        String store = "--portal.data-dir=" + dir.resolve("data");

        Shell list = ConfigureCommandTests.run(Map.of(), "bindings", "list", store);

        assertThat(list.exitCode()).as(list.err()).isZero();
        assertThat(list.out()).startsWith("No portal is running in " + dir.resolve("data") + "; the bindings it starts with")
            .containsPattern("secure +not running +https +\\* +" + moved + " +portal +configuration, changed at runtime")
            .containsPattern("web +disabled +http ")
            .containsPattern("extra +not running +http +\\* +" + extra + " +- +added by admin at ");
        Shell show = ConfigureCommandTests.run(Map.of(), "bindings", "show", "secure", store);
        assertThat(show.exitCode()).as(show.err()).isZero();
        assertThat(show.out()).containsPattern("port +" + moved)
            .containsPattern("  port +changed by admin at \\S+Z \\(overrides [^)]+\\)");
        Shell unknown = ConfigureCommandTests.run(Map.of(), "bindings", "show", "nowhere", store);
        assertThat(unknown.exitCode()).isEqualTo(2);
        Shell change = ConfigureCommandTests.run(Map.of(), "bindings", "set", "secure", "--port=1", store);
        assertThat(change.exitCode()).as("changes need a running portal").isEqualTo(1);
    }

    private Shell bindings(String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "bindings";
        System.arraycopy(args, 0, all, 1, args.length);
        all[all.length - 1] = "--url=http://127.0.0.1:" + this.server.getAddress().getPort();
        return ConfigureCommandTests.run(Map.of("PORTAL_TOKEN", TOKEN), all);
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        this.requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().toString(),
                exchange.getRequestHeaders().getFirst("Content-Type"), new String(body, StandardCharsets.UTF_8),
                exchange.getRequestHeaders().getFirst("Authorization")));
        byte[] answer = this.answer.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", (this.status < 300) ? "application/json" : "application/problem+json");
        exchange.sendResponseHeaders(this.status, answer.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(answer);
        }
    }

    private record Request(String method, String uri, String contentType, String body, String authorization) {
    }

}
