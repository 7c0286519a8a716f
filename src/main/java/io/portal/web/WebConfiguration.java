package io.portal.web;

import java.util.List;

import io.portal.binding.BindingService;
import io.portal.binding.BindingWarnings;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wiring of the pages.
 */
@Configuration(proxyBeanMethods = false)
class WebConfiguration {

    @Bean
    PageAttributes.PageSections pageSections() {
        return new PageAttributes.PageSections(false, false);
    }

    @Bean
    DashboardController.PageWarnings pageWarnings(BindingService bindings, BindingWarnings warnings) {
        return () -> {
            List<String> messages = warnings.warningsFor(bindings.bindings());
            return messages.stream().map((m) -> new PageWarning("certificate", m, null)).toList();
        };
    }

}
