package io.portal.system;

import java.time.Clock;

import org.springframework.boot.context.properties.ConfigurationPropertiesBindHandlerAdvisor;
import org.springframework.boot.context.properties.ConfigurationPropertiesBinding;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Shared infrastructure: the clock every time-dependent feature reads, (through
 * {@code @EnableScheduling}) Spring Boot's task scheduler that periodic work, such as
 * certificate renewal, runs on, and how the portal's settings are read: strictly (no
 * unknown {@code portal.*} name) and with the portal's duration format. Tests replace the
 * clock and the scheduler to drive time.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class SystemConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
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
