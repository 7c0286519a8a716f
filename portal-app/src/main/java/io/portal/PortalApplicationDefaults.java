package io.portal;

import java.util.LinkedHashMap;
import java.util.Map;

import io.portal.system.PortalDefaults;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.ConfigurationPropertyState;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;

/**
 * The configuration the portal application has when the operator has given none: HTTP on
 * 8080, HTTPS on 8443 with a generated self-signed certificate, a small connection pool,
 * and the settings of its pages, API and actuator. Added to the starter's
 * {@link PortalDefaults} property source, with the lowest precedence, so that any single
 * value can be overridden (for example {@code PORTAL_BINDINGS_SECURE_PORT=443}) without
 * restating the rest. A default binding is switched off with
 * {@code portal.bindings.<name>.enabled=false}.
 */
public class PortalApplicationDefaults implements EnvironmentPostProcessor, Ordered {

    /**
     * Name of the SSL bundle, and managed certificate, that the default HTTPS binding uses.
     */
    public static final String DEFAULT_BUNDLE = "portal";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Map<String, Object> defaults = new LinkedHashMap<>();
        defaults.put("portal.bindings.web.scheme", "http");
        defaults.put("portal.bindings.web.port", 8080);
        defaults.put("portal.bindings.secure.scheme", "https");
        defaults.put("portal.bindings.secure.port", 8443);
        defaults.put("portal.bindings.secure.ssl-bundle", DEFAULT_BUNDLE);
        if (!declared(environment, "portal.certificates." + DEFAULT_BUNDLE)
                && !declared(environment, "spring.ssl.bundle.jks." + DEFAULT_BUNDLE)
                && !declared(environment, "spring.ssl.bundle.pem." + DEFAULT_BUNDLE)) {
            defaults.put("portal.certificates." + DEFAULT_BUNDLE + ".self-signed.key-type", "ec-p256");
        }
        // A node mostly idles: a small pool, so that several nodes on one PostgreSQL hold a few
        // connections each rather than ten (Hikari's fixed default), and grow under load.
        defaults.put("spring.datasource.hikari.maximum-pool-size", 8);
        defaults.put("spring.datasource.hikari.minimum-idle", 2);
        // Health and info for everyone; the SBOM (what the jar is made of) for signed-in administrators.
        defaults.put("management.endpoints.web.exposure.include", "health,info,sbom");
        defaults.put("spring.servlet.multipart.max-file-size", "1MB");
        defaults.put("spring.servlet.multipart.max-request-size", "2MB");
        defaults.put("spring.mvc.problemdetails.enabled", true);
        defaults.put("springdoc.paths-to-match", "/api/**");
        defaults.put("springdoc.api-docs.enabled", true);
        defaults.put("springdoc.swagger-ui.enabled", true);
        // Swagger UI brings webjars-locator-lite, whose presence alone switches Spring Boot's
        // resource chain on: every link a page renders was then looked up among the static
        // files inside the jar, on every request (most of the CPU time of a page). The portal
        // versions no static file; Swagger UI resolves its own files with its own resolver.
        defaults.put("spring.web.resources.chain.enabled", false);
        // The portal's static files are in static/; each other location Spring Boot looks in
        // first costs a search through every jar of the class path on every request.
        defaults.put("spring.web.resources.static-locations", "classpath:/static/");
        // Page expressions compiled to bytecode once used often (the views are public records).
        defaults.put("spring.thymeleaf.enable-spring-el-compiler", true);
        // Spring Security's per-filter observations cost about a tenth of the throughput of a page.
        defaults.put("management.observations.enable.spring.security", false);
        // Browsers and clients keep a connection for as long as they like (Tomcat closed it
        // after 100 requests, a new TLS handshake each time); idle ones go after 20 s.
        defaults.put("server.tomcat.max-keep-alive-requests", -1);
        defaults.put("server.tomcat.keep-alive-timeout", "20s");
        // Feature defaults below, one line each.
        defaults.put("spring.task.scheduling.pool.size", 2);
        defaults.put("management.endpoint.health.show-components", "always");
        defaults.put("management.endpoint.health.show-details", "when-authorized");
        defaults.put("management.endpoint.health.roles", "ADMIN");
        // /actuator/health/liveness and /readiness for load balancers and orchestrators, everywhere.
        defaults.put("management.endpoint.health.probes.enabled", true);
        // The portal's "store" component replaces Boot's "db" one (503 while the database is down,
        // which would take every node out of the load balancer although each still serves).
        defaults.put("management.health.db.enabled", false);
        // A request that needs an unreachable database answers 503 after 3 s, not Hikari's 30 s.
        defaults.put("spring.datasource.hikari.connection-timeout", 3000);
        if (environment.getProperty("spring.datasource.url", "").startsWith("jdbc:postgresql:")) {
            // A network cut that sends no reset would otherwise leave a query waiting forever
            // (the driver's default); the portal's queries take milliseconds.
            defaults.put("spring.datasource.hikari.data-source-properties.socketTimeout", 30);
            defaults.put("spring.datasource.hikari.data-source-properties.tcpKeepAlive", true);
        }
        defaults.put("spring.mvc.servlet.load-on-startup", 1);
        // Signed-in pages are not sent along with requests that other sites start.
        defaults.put("server.servlet.session.cookie.same-site", "lax");
        PropertySource<?> starter = environment.getPropertySources().get(PortalDefaults.PROPERTY_SOURCE_NAME);
        if (starter instanceof MapPropertySource map) {
            defaults.forEach(map.getSource()::putIfAbsent);
        }
        else {
            environment.getPropertySources().addLast(new MapPropertySource(PortalDefaults.PROPERTY_SOURCE_NAME, defaults));
        }
    }

    private static boolean declared(ConfigurableEnvironment environment, String prefix) {
        ConfigurationPropertyName name = ConfigurationPropertyName.of(prefix);
        for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
            if (source.containsDescendantOf(name) == ConfigurationPropertyState.PRESENT) {
                return true;
            }
        }
        return false;
    }

    /**
     * After the starter's defaults.
     */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

}
