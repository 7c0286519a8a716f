package io.portal.system;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

import java.time.Clock;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.ConfigurationPropertiesBindHandlerAdvisor;
import org.springframework.boot.context.properties.ConfigurationPropertiesBinding;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Shared infrastructure: the clock every time-dependent feature reads, (through
 * {@code @EnableScheduling}) Spring Boot's task scheduler that periodic work, such as
 * certificate renewal, runs on, and how the portal's settings are read: strictly (no
 * unknown {@code portal.*} name) and with the portal's duration format; and the JVM
 * settings that let memory return to the system when idle ({@link IdleMemory}). Tests replace the
 * clock and the scheduler to drive time.
 */
@AutoConfiguration
@EnableConfigurationProperties(PortalProperties.class)
@EnableScheduling
public class PortalSystemAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    /**
     * Once the portal serves, lets the JVM return memory to the system when idle.
     */
    @Bean
    @ConditionalOnWebApplication
    ApplicationListener<ApplicationReadyEvent> idleMemory() {
        return (event) -> IdleMemory.apply();
    }

    @Bean
    static StrictConfiguration strictConfiguration() {
        return new StrictConfiguration();
    }

    @Bean
    @ConfigurationPropertiesBinding
    static PortalDurationConverter portalDurationConverter() {
        return new PortalDurationConverter();
    }

    @Bean
    static ConfigurationPropertiesBindHandlerAdvisor portalPropertyBindHandlerAdvisor() {
        return PortalPropertyBindHandler::new;
    }

}
