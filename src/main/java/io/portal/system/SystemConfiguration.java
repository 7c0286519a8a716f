package io.portal.system;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Shared infrastructure: the clock every time-dependent feature reads, and (through
 * {@code @EnableScheduling}) Spring Boot's task scheduler that periodic work, such as
 * certificate renewal, runs on. Tests replace both to drive time.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class SystemConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

}
