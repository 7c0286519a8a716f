package io.portal.cli;

import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.ssl.SslMetricsAutoConfiguration;
import org.springframework.context.annotation.Configuration;

/**
 * The beans a shell command opens: the portal's auto-configuration without a web server
 * (so without listeners, pages or maintenance), started lazily by {@link PortalCli}.
 */
@Configuration(proxyBeanMethods = false)
@EnableAutoConfiguration(exclude = SslMetricsAutoConfiguration.class)
class ShellContext {

}
