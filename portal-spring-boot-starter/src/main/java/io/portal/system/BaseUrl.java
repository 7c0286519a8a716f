package io.portal.system;

import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The URL the current request reached the portal at, for links and scripts shown to the
 * operator.
 */
public final class BaseUrl {

    private BaseUrl() {
    }

    /**
     * The scheme, host, port and context path of the current request.
     * @return the base URL, such as {@code https://portal.example.com}
     */
    public static String current() {
        return ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString();
    }

}
