package io.portal.testing;

import java.nio.file.Path;
import java.util.UUID;

import io.portal.acme.PortalAcmeAutoConfiguration;
import io.portal.audit.PortalAuditAutoConfiguration;
import io.portal.binding.PortalBindingsAutoConfiguration;
import io.portal.certificate.PortalCertificatesAutoConfiguration;
import io.portal.cluster.PortalClusterAutoConfiguration;
import io.portal.https.PortalHttpsAutoConfiguration;
import io.portal.https.PortalHttpsSettingsAutoConfiguration;
import io.portal.server.PortalServerAutoConfiguration;
import io.portal.store.PortalStoreAutoConfiguration;
import io.portal.system.PortalSystemAutoConfiguration;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.autoconfigure.task.TaskSchedulingAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.tomcat.autoconfigure.servlet.TomcatServletWebServerAutoConfiguration;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;

/**
 * Context runners with the starter's auto-configurations and the Spring Boot ones they
 * are ordered against, on an in-memory H2 store. No server is started.
 */
public final class StarterContexts {

    /**
     * The starter's auto-configurations, as its imports file lists them.
     */
    public static final AutoConfigurations PORTAL = AutoConfigurations.of(PortalSystemAutoConfiguration.class,
            PortalStoreAutoConfiguration.class, PortalAuditAutoConfiguration.class,
            PortalCertificatesAutoConfiguration.class, PortalBindingsAutoConfiguration.class,
            PortalServerAutoConfiguration.class, PortalAcmeAutoConfiguration.class,
            PortalHttpsSettingsAutoConfiguration.class, PortalHttpsAutoConfiguration.class,
            PortalClusterAutoConfiguration.class);

    /**
     * Spring Boot's auto-configurations that an application on the starter has.
     */
    public static final AutoConfigurations BOOT = AutoConfigurations.of(DataSourceAutoConfiguration.class,
            DataSourceTransactionManagerAutoConfiguration.class, TransactionAutoConfiguration.class,
            JdbcTemplateAutoConfiguration.class, JdbcClientAutoConfiguration.class, JacksonAutoConfiguration.class,
            SslAutoConfiguration.class, TaskSchedulingAutoConfiguration.class,
            TomcatServletWebServerAutoConfiguration.class);

    private StarterContexts() {
    }

    public static WebApplicationContextRunner web(Path dataDir) {
        return new WebApplicationContextRunner().withConfiguration(BOOT)
            .withConfiguration(PORTAL)
            .withPropertyValues(store(dataDir));
    }

    public static ApplicationContextRunner notWeb(Path dataDir) {
        return new ApplicationContextRunner().withConfiguration(BOOT)
            .withConfiguration(PORTAL)
            .withPropertyValues(store(dataDir));
    }

    private static String[] store(Path dataDir) {
        return new String[] { "portal.data-dir=" + dataDir,
                "spring.datasource.url=jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
                "portal.bindings.web.scheme=http", "portal.bindings.web.port=0" };
    }

}
