package io.portal.web;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.portal.certificate.PortalSslBundleRegistry;
import io.portal.testsupport.AdminApi;
import io.portal.testsupport.FreePorts;
import io.portal.testsupport.ManualTime;
import io.portal.testsupport.Pebble;
import io.portal.testsupport.PortalInstance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;
import org.springframework.web.util.HtmlUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

/**
 * The Let's Encrypt wizard's pages and each form error, through MockMvc against a running
 * portal whose CA is the real Pebble, with time driven through the portal's clock and
 * scheduler so that an order runs exactly when the test says.
 */
class LetsEncryptPagesMockMvcTests {

    static final String TERMS = "data:text/plain,Do%20what%20thou%20wilt";

    @TempDir
    static Path dir;

    static Pebble pebble;

    static PortalInstance portal;

    static ManualTime time;

    static MockMvc mvc;

    @BeforeAll
    static void start() {
        Map<String, Object> settings = PortalInstance.settings(dir.resolve("data"));
        pebble = Pebble.on((int) settings.get("portal.bindings.web.port")).start();
        time = new ManualTime();
        portal = PortalInstance.start(pebble.configure(settings), time);
        mvc = MockMvcBuilders.webAppContextSetup((WebApplicationContext) portal.context()).apply(springSecurity()).build();
    }

    @AfterAll
    static void stop() {
        portal.close();
        pebble.close();
    }

    @Test
    void theWizardNeedsAnAdministratorAndTheNavigationLinksToIt() throws Exception {
        mvc.perform(get("/lets-encrypt").accept(MediaType.TEXT_HTML)).andExpect(status().is3xxRedirection())
            .andExpect(redirectedUrl("/login"));
        mvc.perform(get("/lets-encrypt/portal/progress.json")).andExpect(status().isUnauthorized());
        mvc.perform(get("/").with(admin())).andExpect(content().string(containsString("href=\"/lets-encrypt\"")));
    }

    @Test
    void theFormOffersTheCasAndShowsTheConfiguredCasTermsWithARequiredCheckbox() throws Exception {
        mvc.perform(get("/lets-encrypt").with(admin()))
            .andExpect(view().name(LetsEncryptPagesController.FORM))
            .andExpect(model().attribute("form", org.hamcrest.Matchers.hasProperty("directory",
                    org.hamcrest.Matchers.equalTo(pebble.directoryUrl()))))
            .andExpect(content().string(containsString("value=\"letsencrypt-staging\"")))
            .andExpect(content().string(containsString("The CA's terms of service:")))
            .andExpect(content().string(containsString(TERMS)))
            .andExpect(content().string(containsString("name=\"acceptTermsOfService\"")))
            .andExpect(content().string(containsString("src=\"/lets-encrypt.js\"")));
        mvc.perform(post("/lets-encrypt/terms.json").param("directory", pebble.directoryUrl()).with(admin()).with(csrf()))
            .andExpect(jsonPath("$.termsOfService").value(TERMS));
        mvc.perform(post("/lets-encrypt/edit").with(admin()).with(csrf()).param("name", "x").param("directory", "custom")
            .param("customDirectory", "https://127.0.0.1:" + FreePorts.next() + "/dir"))
            .andExpect(view().name(LetsEncryptPagesController.FORM))
            .andExpect(content().string(containsString("The terms cannot be shown: The CA at https://127.0.0.1:")));
    }

    @Test
    void formErrorsAppearNextToTheirFieldInTheApisWords() throws Exception {
        String before = bundlesAndDefinitions();
        assertSameWordsAsTheApi(form("shop", "acceptTermsOfService", "false"), "acceptTermsOfService",
                "{\"name\":\"shop\",\"domains\":[\"localhost\"],\"acceptTermsOfService\":false}");
        assertSameWordsAsTheApi(form("shop", "domains", "*.portal.test"), "domains",
                "{\"name\":\"shop\",\"domains\":[\"*.portal.test\"],\"acceptTermsOfService\":true}");
        assertSameWordsAsTheApi(form("shop", "domains", ""), "domains",
                "{\"name\":\"shop\",\"domains\":[],\"acceptTermsOfService\":true}");
        assertSameWordsAsTheApi(form("portal"), "name",
                "{\"name\":\"portal\",\"domains\":[\"localhost\"],\"acceptTermsOfService\":true}");
        assertSameWordsAsTheApi(form(""), "name", "{\"name\":\"\",\"domains\":[\"localhost\"],\"acceptTermsOfService\":true}");
        assertSameWordsAsTheApi(form("shop", "email", "nobody"), "email",
                "{\"name\":\"shop\",\"domains\":[\"localhost\"],\"email\":\"nobody\",\"acceptTermsOfService\":true}");
        assertSameWordsAsTheApi(form("shop", "directory", "custom", "customDirectory", "ftp://ca.test"), "directory",
                "{\"name\":\"shop\",\"domains\":[\"localhost\"],\"directory\":\"ftp://ca.test\",\"acceptTermsOfService\":true}");
        assertThat(bundlesAndDefinitions()).isEqualTo(before);
    }

    @Test
    void theReviewStepShowsThePlanAndTheScriptAndChangesNothing() throws Exception {
        String before = bundlesAndDefinitions();
        mvc.perform(form("review"))
            .andExpect(view().name(LetsEncryptPagesController.REVIEW))
            .andExpect(content().string(containsString("Request an ACME certificate &#39;review&#39; for localhost from "
                    + pebble.directoryUrl() + ". Nothing has changed yet.")))
            .andExpect(content().string(containsString("data-action=\"serve-temporary-certificate\"")))
            .andExpect(content().string(containsString("data-action=\"answer-challenge\"")))
            .andExpect(content().string(containsString("no HTTP binding listens on port 80")))
            .andExpect(content().string(containsString("Show script")))
            .andExpect(content().string(containsString("/api/certificates/acme")));
        mvc.perform(form("review", "directory", "custom", "customDirectory", pebble.directoryUrl()))
            .andExpect(view().name(LetsEncryptPagesController.REVIEW));
        mvc.perform(post("/lets-encrypt/edit").with(admin()).with(csrf()).param("name", "review").param("domains", "localhost"))
            .andExpect(view().name(LetsEncryptPagesController.FORM))
            .andExpect(content().string(containsString("value=\"review\"")));
        assertThat(bundlesAndDefinitions()).isEqualTo(before);
    }

    @Test
    void aRequestFollowsTheOrderUntilIssuedThenOffersItForABindingAndCanBeRenewedNow() throws Exception {
        mvc.perform(request("shop", pebble.directoryUrl()).param("email", "shop@portal.test"))
            .andExpect(redirectedUrl("/lets-encrypt/shop"))
            .andExpect(flash().attribute("message", containsString("A temporary certificate is served")));
        mvc.perform(get("/lets-encrypt/shop").with(admin()))
            .andExpect(view().name(LetsEncryptPagesController.PROGRESS))
            .andExpect(content().string(containsString("http-equiv=\"refresh\"")))
            .andExpect(content().string(containsString("data-state=\"WAITING\"")));
        mvc.perform(get("/lets-encrypt/shop/progress.json").with(admin())).andExpect(jsonPath("$.state").value("WAITING"));
        mvc.perform(get("/").with(admin())).andExpect(content().string(containsString("Waiting for the CA")));

        time.runDue();

        mvc.perform(get("/lets-encrypt/shop/progress.json").with(admin()))
            .andExpect(jsonPath("$.state").value("ISSUED"))
            .andExpect(jsonPath("$.stages[4].status").value("done"));
        mvc.perform(get("/lets-encrypt/shop").with(admin()))
            .andExpect(content().string(not(containsString("http-equiv=\"refresh\""))))
            .andExpect(content().string(containsString("data-state=\"ISSUED\"")))
            .andExpect(content().string(containsString("href=\"/certificates/shop\"")))
            .andExpect(content().string(containsString("Use it on a binding")));
        mvc.perform(get("/certificates/shop").with(admin()))
            .andExpect(content().string(containsString("Renewed automatically; last obtained")))
            .andExpect(content().string(containsString("action=\"/lets-encrypt/shop/renew\"")))
            .andExpect(content().string(containsString("Renew now")));
        mvc.perform(get("/").with(admin())).andExpect(content().string(containsString("Renewed automatically")));
        int orders = pebble.ordersCreated();

        mvc.perform(post("/lets-encrypt/shop/renew").with(admin()).with(csrf())).andExpect(redirectedUrl("/lets-encrypt/shop"));
        time.runDue();

        assertThat(pebble.ordersCreated()).isEqualTo(orders + 1);
        mvc.perform(get("/lets-encrypt/shop/progress.json").with(admin()))
            .andExpect(jsonPath("$.state").value("ISSUED"))
            .andExpect(jsonPath("$.steps[?(@.step == 'issued')].detail").value(hasItem(containsString("Renewed certificate 'shop'"))));
        mvc.perform(get("/lets-encrypt").with(admin())).andExpect(content().string(containsString("data-certificate=\"shop\"")));
        mvc.perform(get("/lets-encrypt/nothing").with(admin())).andExpect(status().isNotFound());
        mvc.perform(post("/lets-encrypt/portal/renew").with(admin()).with(csrf())).andExpect(status().isNotFound());
    }

    @Test
    void aChallengeTheCaCannotDeliverIsExplainedOnTheProgressPageTheDashboardAndTheCertificatePage() throws Exception {
        Map<String, Object> settings = PortalInstance.settings(dir.resolve("failing"));
        ManualTime failingTime = new ManualTime();
        try (Pebble unreachable = Pebble.on(FreePorts.next()).start();
                PortalInstance failing = PortalInstance.start(unreachable.configure(settings), failingTime)) {
            MockMvc pages = MockMvcBuilders.webAppContextSetup((WebApplicationContext) failing.context()).apply(springSecurity())
                .build();
            pages.perform(request("shop", unreachable.directoryUrl()))
                .andExpect(redirectedUrl("/lets-encrypt/shop"));

            failingTime.runDue();

            pages.perform(get("/lets-encrypt/shop").with(admin()))
                .andExpect(content().string(containsString("data-state=\"FAILED\"")))
                .andExpect(content().string(containsString("Why it failed")))
                .andExpect(content().string(containsString("[connection]")))
                .andExpect(content().string(containsString("Most often port 80 is not reachable from the internet")))
                .andExpect(content().string(containsString("DNS records")))
                .andExpect(content().string(containsString("The portal tries again at")));
            pages.perform(get("/").with(admin()))
                .andExpect(content().string(containsString("Failing since")))
                .andExpect(content().string(containsString("The CA could not validate localhost")));
            pages.perform(get("/certificates/shop").with(admin()))
                .andExpect(content().string(containsString("The CA could not validate localhost")))
                .andExpect(content().string(containsString("Renew now")));
        }
    }

    private static void assertSameWordsAsTheApi(MockHttpServletRequestBuilder page, String field, String apiRequest)
            throws Exception {
        AdminApi.Response api = portal.api().post("/api/certificates/acme", apiRequest);
        JsonNode problem = api.json();
        assertThat(problem.at("/errors/0/field").asString()).as(api.body()).isEqualTo(field);
        String words = problem.get("detail").asString() + " " + problem.get("action").asString();
        mvc.perform(page)
            .andExpect(view().name(LetsEncryptPagesController.FORM))
            .andExpect(model().attributeHasFieldErrors("form", field))
            .andExpect(content().string(containsString("id=\"" + field + "-error\"")))
            .andExpect(content().string(containsString(HtmlUtils.htmlEscape(words))));
    }

    /**
     * The review step's request for a valid form, with some fields given other values.
     */
    private static MockHttpServletRequestBuilder form(String name, String... fields) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("name", name);
        values.put("domains", "localhost");
        values.put("directory", pebble.directoryUrl());
        values.put("acceptTermsOfService", "true");
        for (int i = 0; i + 1 < fields.length; i += 2) {
            values.put(fields[i], fields[i + 1]);
        }
        MockHttpServletRequestBuilder request = post("/lets-encrypt/review").with(admin()).with(csrf());
        values.forEach(request::param);
        return request;
    }

    private static MockHttpServletRequestBuilder request(String name, String directory) {
        return post("/lets-encrypt/request").with(admin()).with(csrf()).param("name", name).param("domains", "localhost")
            .param("directory", directory).param("acceptTermsOfService", "true");
    }

    private static String bundlesAndDefinitions() {
        List<String> bundles = portal.bean(PortalSslBundleRegistry.class).getBundleNames();
        return bundles + " " + portal.bean(JdbcClient.class).sql("select count(*) from acme_certificate").query(Integer.class).single();
    }

    private static RequestPostProcessor admin() {
        return user("admin").roles("ADMIN");
    }

}
