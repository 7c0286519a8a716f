package io.portal.web;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import io.portal.account.AdminAccounts;
import io.portal.account.AdminProperties;
import io.portal.binding.Binding;
import io.portal.binding.Listeners;
import io.portal.binding.Listeners.ListenerState;
import io.portal.certificate.CertificateCatalog;
import io.portal.certificate.CertificateSummary;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.util.StringUtils;

/**
 * Says, once the portal is ready, which URLs to open (HTTPS first) and how to sign in:
 * as {@code admin}, with the password generated and printed above at the first start, or
 * the one from {@code PORTAL_ADMIN_PASSWORD}.
 */
class StartupReport {

    private static final Log logger = LogFactory.getLog(StartupReport.class);

    private final Listeners listeners;

    private final AdminAccounts accounts;

    private final AdminProperties properties;

    private final CertificateCatalog catalog;

    StartupReport(Listeners listeners, AdminAccounts accounts, AdminProperties properties, CertificateCatalog catalog) {
        this.listeners = listeners;
        this.accounts = accounts;
        this.properties = properties;
        this.catalog = catalog;
    }

    @EventListener(ApplicationReadyEvent.class)
    void report() {
        List<String> urls = urls(this.listeners.states());
        if (urls.isEmpty()) {
            return;
        }
        logger.info("\n\n    The portal is ready. Open " + String.join(" or ", urls) + "\n    " + signIn() + "\n");
    }

    String signIn() {
        String user = "Sign in as '" + AdminAccounts.ADMIN + "'";
        if (this.accounts.generatedPassword()) {
            return user + " with the password generated above in this log (it is shown only this once; set "
                    + "PORTAL_ADMIN_PASSWORD to choose your own).";
        }
        if (StringUtils.hasText(this.properties.getPassword())) {
            return user + " with the password from PORTAL_ADMIN_PASSWORD (portal.admin.password).";
        }
        return user + " with the password printed in the log of the first start; if it is lost, set PORTAL_ADMIN_PASSWORD "
                + "to a new one and restart.";
    }

    /**
     * The URL of each running binding, HTTPS first.
     */
    List<String> urls(List<ListenerState> states) {
        List<String> urls = new ArrayList<>();
        states.stream()
            .filter(ListenerState::running)
            .sorted(Comparator.comparing((ListenerState state) -> !state.binding().isHttps()))
            .forEach((state) -> {
                Binding b = state.binding();
                String host = b.isWildcard() ? "localhost" : (b.address().contains(":") && !b.address().startsWith("["))
                        ? "[" + b.address() + "]" : b.address();
                int port = state.localPort();
                urls.add(b.scheme().id() + "://" + host + ((port == b.scheme().defaultPort()) ? "" : ":" + port) + "/"
                        + (b.isHttps() ? " (binding '" + b.name() + "'" + selfSignedHint(b) + ")" : " (binding '" + b.name() + "')"));
            });
        return urls;
    }

    private String selfSignedHint(Binding binding) {
        boolean selfSigned = binding.sslBundle() != null
                && this.catalog.find(binding.sslBundle()).map(CertificateSummary::selfSigned).orElse(false);
        return selfSigned ? "; its certificate is self-signed, so browsers warn until it is trusted: /certificates/"
                + binding.sslBundle() + ".pem" : "";
    }

}
