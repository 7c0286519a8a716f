package io.portal.cli;

import io.portal.account.ApiTokens;
import io.portal.binding.Listeners;
import io.portal.system.PortalProperties;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The running portal's side of the shell commands: the local credential they use.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
@ConditionalOnBooleanProperty(name = "portal.admin.enabled", matchIfMissing = true)
public class LocalApiConfiguration {

    @Bean
    LocalApiPublisher localApiPublisher(PortalProperties properties, ApiTokens tokens, Listeners listeners) {
        return new LocalApiPublisher(properties.getDataDir(), tokens, listeners);
    }

}
