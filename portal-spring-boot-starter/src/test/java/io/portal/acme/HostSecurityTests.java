package io.portal.acme;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An application whose own security requires a login for everything, started on real
 * ports with the starter: its rule still holds on every path, every request on HTTP is
 * redirected first, HTTPS responses carry HSTS, and the CA still reaches its HTTP-01
 * challenges without credentials.
 */
class HostSecurityTests {

    @TempDir
    Path dir;

    @Test
    void aLockedDownApplicationKeepsItsRulesAndGetsTheRedirectHstsAndAcmeChallenges() throws Exception {
        int web = freePort();
        int secure = freePort();
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(LockedDownApplication.class).run(
                "--portal.data-dir=" + this.dir, "--spring.datasource.url=jdbc:h2:mem:" + UUID.randomUUID(),
                "--portal.bindings.web.scheme=http", "--portal.bindings.web.port=" + web,
                "--portal.bindings.secure.scheme=https", "--portal.bindings.secure.port=" + secure,
                "--portal.bindings.secure.ssl-bundle=site", "--portal.certificates.site.self-signed.key-type=ec-p256",
                "--portal.redirect-http-to-https=true", "--portal.hsts.enabled=true", "--portal.hsts.max-age=300")) {
            context.getBean(AcmeStore.class)
                .putChallenge(new PendingChallenge("tok-1", "tok-1.thumbprint", "localhost", "site", Instant.now()));
            HttpClient client = HttpClient.newBuilder().sslContext(trustAll()).build();

            HttpResponse<String> challenge = get(client, "http://localhost:" + web + "/.well-known/acme-challenge/tok-1", null);
            assertThat(challenge.statusCode()).isEqualTo(200);
            assertThat(challenge.body()).isEqualTo("tok-1.thumbprint");

            HttpResponse<String> overHttp = get(client, "http://localhost:" + web + "/private?x=1", null);
            assertThat(overHttp.statusCode()).isEqualTo(308);
            assertThat(overHttp.headers().firstValue("Location")).hasValue("https://localhost:" + secure + "/private?x=1");

            HttpResponse<String> anonymous = get(client, "https://localhost:" + secure + "/private", null);
            assertThat(anonymous.statusCode()).as("the application's own rule").isEqualTo(401);
            assertThat(anonymous.headers().firstValue("Strict-Transport-Security")).hasValue("max-age=300");

            HttpResponse<String> signedIn = get(client, "https://localhost:" + secure + "/private", "user:secret-1");
            assertThat(signedIn.statusCode()).isNotEqualTo(401).isNotEqualTo(403);
            assertThat(signedIn.headers().firstValue("Strict-Transport-Security")).hasValue("max-age=300");
        }
    }

    private static HttpResponse<String> get(HttpClient client, String url, String credentials) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
        if (credentials != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes()));
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static SSLContext trustAll() throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] { new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        } }, null);
        return context;
    }

    @SpringBootConfiguration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class LockedDownApplication {

        @Bean
        SecurityFilterChain everythingNeedsALogin(HttpSecurity http) throws Exception {
            return http.authorizeHttpRequests((requests) -> requests.anyRequest().authenticated())
                .httpBasic(Customizer.withDefaults())
                .build();
        }

        @Bean
        UserDetailsService users() {
            return new InMemoryUserDetailsManager(User.withUsername("user").password("{noop}secret-1").roles("USER").build());
        }

    }

}
