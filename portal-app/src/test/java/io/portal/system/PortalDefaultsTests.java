package io.portal.system;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.zaxxer.hikari.HikariDataSource;
import io.portal.PortalApplication;
import io.portal.server.BindingConnectors;
import io.portal.testsupport.FreePorts;
import io.portal.testsupport.HttpExchange;
import io.portal.testsupport.TestPostgres;
import io.portal.testsupport.TlsProbe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Operators override one field of one default binding with an environment variable and
 * keep the rest.
 */
class PortalDefaultsTests {

    @TempDir
    Path dir;

    @Test
    void withEveryBindingSwitchedOffThePortalListensAsAPlainSpringBootApplication() {
        int port = FreePorts.next();
        try (ConfigurableApplicationContext context = new SpringApplication(PortalApplication.class).run(
                "--portal.data-dir=" + this.dir.resolve("plain"), "--portal.bindings.web.enabled=false",
                "--portal.bindings.secure.enabled=false", "--server.port=" + port, "--server.ssl.bundle=portal")) {
            assertThat(context.getBean(BindingConnectors.class).all()).isEmpty();
            assertThat(TlsProbe.handshake(port).leaf().getSubjectX500Principal().getName()).startsWith("CN=localhost");
        }
    }

    @Test
    void anEnvironmentVariableMovesOneBindingAndKeepsTheOther() {
        int securePort = FreePorts.next();
        int webPort = FreePorts.next();
        Map<String, Object> variables = new HashMap<>();
        variables.put("PORTAL_BINDINGS_SECURE_PORT", String.valueOf(securePort));
        variables.put("PORTAL_BINDINGS_WEB_PORT", String.valueOf(webPort));
        variables.put("PORTAL_DATA_DIR", this.dir.resolve("data").toString());
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables));
        SpringApplication application = new SpringApplication(PortalApplication.class);
        application.setEnvironment(environment);
        try (ConfigurableApplicationContext context = application.run()) {
            List<BindingConnectors.Live> bindings = context.getBean(BindingConnectors.class).all();
            assertThat(bindings).extracting((l) -> l.binding().name() + " " + l.binding().scheme().id() + " " + l.localPort())
                .containsExactly("secure https " + securePort, "web http " + webPort);
            assertThat(TlsProbe.handshake(securePort).leaf().getSubjectX500Principal().getName()).startsWith("CN=localhost");
            assertThat(HttpExchange.get("http://127.0.0.1:" + webPort + "/").status()).isEqualTo(200);
        }
    }

    @Test
    void onPostgresqlANodeHoldsASmallPoolAndNoQueryWaitsForeverOnACutNetwork() {
        try (TestPostgres.Schema schema = TestPostgres.schema();
                ConfigurableApplicationContext context = new SpringApplication(PortalApplication.class).run(
                        "--portal.data-dir=" + this.dir.resolve("pg"), "--portal.bindings.web.port=" + FreePorts.next(),
                        "--portal.bindings.secure.port=" + FreePorts.next(), "--spring.datasource.url=" + schema.url(),
                        "--spring.datasource.username=" + schema.username(),
                        "--spring.datasource.password=" + schema.password())) {
            HikariDataSource pool = context.getBean(HikariDataSource.class);
            assertThat(pool.getMaximumPoolSize()).isEqualTo(8);
            assertThat(pool.getMinimumIdle()).isEqualTo(2);
            assertThat(pool.getConnectionTimeout()).isEqualTo(3000);
            assertThat(pool.getDataSourceProperties()).containsEntry("socketTimeout", "30").containsEntry("tcpKeepAlive", "true");
        }
    }

}
