package io.portal.web;

import java.security.Principal;

import io.portal.certificate.ExpiryWarning;
import io.portal.system.PortalProperties;

import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * What every page's layout needs: the portal's name, whether someone is signed in, and
 * which optional sections exist.
 */
@ControllerAdvice(basePackageClasses = PageAttributes.class)
class PageAttributes {

    private final PortalProperties properties;

    private final PageSections sections;

    private final ExpiryWarning expiryWarning;

    PageAttributes(PortalProperties properties, PageSections sections, ExpiryWarning expiryWarning) {
        this.properties = properties;
        this.sections = sections;
        this.expiryWarning = expiryWarning;
    }

    @ModelAttribute
    void layout(Model model, Principal principal) {
        model.addAttribute("portalName", this.properties.getName());
        model.addAttribute("signedIn", principal != null);
        model.addAttribute("acmeAvailable", this.sections.acme());
        model.addAttribute("httpsSettingsAvailable", this.sections.httpsSettings());
        model.addAttribute("expiryWarning", this.expiryWarning);
    }

    /**
     * Which optional sections the navigation shows.
     *
     * @param acme whether the Let's Encrypt wizard exists
     * @param httpsSettings whether the HTTPS settings page exists
     */
    record PageSections(boolean acme, boolean httpsSettings) {
    }

}
