package io.portal.example;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * An ordinary Spring Boot application. Its HTTPS (listeners, certificate, redirect, HSTS)
 * comes from the portal's starter and the properties in {@code application.yml}; there is
 * no HTTPS code here.
 */
@SpringBootApplication
public class HostApplication {

    public static void main(String[] args) {
        SpringApplication.run(HostApplication.class, args);
    }

}
