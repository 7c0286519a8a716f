package io.portal.web;

import java.nio.file.Path;

import io.portal.testsupport.FreePorts;
import io.portal.testsupport.PortalInstance;
import io.portal.testsupport.TestCertificates;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.http.MediaType;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

/**
 * Each page, and each form error, through MockMvc against a running portal's controllers,
 * services and security.
 */
class PagesMockMvcTests {

    @TempDir
    static Path dir;

    static PortalInstance portal;

    static MockMvc mvc;

    @BeforeAll
    static void start() {
        portal = PortalInstance.start(PortalInstance.settings(dir.resolve("data")));
        mvc = MockMvcBuilders.webAppContextSetup((WebApplicationContext) portal.context()).apply(springSecurity()).build();
    }

    @AfterAll
    static void stop() {
        portal.close();
    }

    @Test
    void pagesOtherThanHomeAndSignInNeedAnAdministrator() throws Exception {
        mvc.perform(get("/")).andExpect(status().isOk()).andExpect(view().name("home"));
        mvc.perform(get("/login")).andExpect(status().isOk()).andExpect(view().name("login"));
        for (String page : new String[] { "/bindings", "/bindings/new", "/certificates", "/settings/https", "/certificates/import" }) {
            mvc.perform(get(page).accept(MediaType.TEXT_HTML)).andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrl("/login"));
            mvc.perform(get(page)).andExpect(status().isUnauthorized());
        }
    }

    @Test
    void everyPageRendersForAnAdministrator() throws Exception {
        mvc.perform(get("/").with(admin())).andExpect(view().name("dashboard"))
            .andExpect(content().string(containsString("data-binding=\"secure\"")));
        mvc.perform(get("/bindings").with(admin())).andExpect(view().name(BindingPagesController.LIST));
        mvc.perform(get("/bindings/new").with(admin())).andExpect(view().name(BindingPagesController.FORM));
        mvc.perform(get("/bindings/web").with(admin())).andExpect(view().name(BindingPagesController.DETAIL))
            .andExpect(content().string(containsString("declared in the configuration")));
        mvc.perform(get("/bindings/web/edit").with(admin())).andExpect(view().name(BindingPagesController.FORM));
        mvc.perform(get("/bindings/secure/delete").with(admin())).andExpect(view().name(BindingPagesController.DELETE))
            .andExpect(content().string(containsString("Disable binding &#39;secure&#39;")));
        mvc.perform(get("/certificates").with(admin())).andExpect(view().name(CertificatePagesController.LIST));
        mvc.perform(get("/certificates/portal").with(admin())).andExpect(view().name(CertificatePagesController.DETAIL))
            .andExpect(content().string(containsString("BEGIN CERTIFICATE")));
        mvc.perform(get("/certificates/import").with(admin())).andExpect(view().name(CertificatePagesController.IMPORT));
        mvc.perform(get("/settings/https").with(admin())).andExpect(view().name(HttpsSettingsPageController.VIEW));
    }

    @Test
    void bindingWizardErrorsAppearNextToTheirFieldInTheApisWords() throws Exception {
        mvc.perform(post("/bindings/review").with(admin()).with(csrf()).param("name", "x").param("scheme", "http").param("port", "70000"))
            .andExpect(view().name(BindingPagesController.FORM))
            .andExpect(model().attributeHasFieldErrors("form", "port"))
            .andExpect(content().string(containsString("Binding &#39;x&#39; has port 70000, which is outside 1-65535.")));
        mvc.perform(post("/bindings/review").with(admin()).with(csrf()).param("name", "web").param("scheme", "http")
            .param("port", String.valueOf(FreePorts.next())))
            .andExpect(model().attributeHasFieldErrors("form", "name"));
        mvc.perform(post("/bindings/review").with(admin()).with(csrf()).param("name", "x").param("scheme", "https")
            .param("port", String.valueOf(FreePorts.next())).param("certificateMode", "existing"))
            .andExpect(model().attributeHasFieldErrors("form", "sslBundle"))
            .andExpect(content().string(containsString("is HTTPS but has no certificate")));
        mvc.perform(post("/bindings/review").with(admin()).with(csrf()).param("name", "x").param("scheme", "https")
            .param("port", String.valueOf(FreePorts.next())).param("certificateMode", "self-signed"))
            .andExpect(model().attributeHasFieldErrors("form", "newCertificateName"));
        mvc.perform(post("/bindings/review").with(admin()).with(csrf()).param("name", "x").param("scheme", "http")
            .param("address", "no-such-host.invalid").param("port", String.valueOf(FreePorts.next())))
            .andExpect(model().attributeHasFieldErrors("form", "address"));
        mvc.perform(post("/bindings/review").with(admin()).with(csrf()).param("name", "Bad Name").param("scheme", "http")
            .param("port", String.valueOf(FreePorts.next())))
            .andExpect(model().attributeHasFieldErrors("form", "name"));
        mvc.perform(post("/bindings/review").with(admin()).with(csrf()).param("name", "x").param("scheme", "http")
            .param("port", "20460.5"))
            .andExpect(model().attributeHasFieldErrors("form", "port"))
            .andExpect(content().string(containsString("has port &#39;20460.5&#39;, which is not a whole number")));
        mvc.perform(post("/bindings/review").with(admin()).with(csrf()).param("name", "x").param("scheme", "https")
            .param("port", String.valueOf(FreePorts.next())).param("certificateMode", "self-signed")
            .param("newCertificateName", "x-cert").param("newCertificateNames", "not a host!, ../.."))
            .andExpect(model().attributeHasFieldErrors("form", "newCertificateNames"))
            .andExpect(content().string(containsString("is neither a host name nor an IP address")));
    }

    @Test
    void theReviewStepShowsThePlanAndChangesNothing() throws Exception {
        int port = FreePorts.next();
        mvc.perform(post("/bindings/review").with(admin()).with(csrf()).param("name", "preview").param("scheme", "https")
            .param("port", String.valueOf(port)).param("certificateMode", "existing").param("sslBundle", "portal"))
            .andExpect(view().name(BindingPagesController.REVIEW))
            .andExpect(content().string(containsString("Open port " + port)))
            .andExpect(content().string(containsString("Show script")));
        mvc.perform(get("/bindings/preview").with(admin())).andExpect(status().isNotFound());
    }

    @Test
    void formsRefuseRequestsWithoutTheirCsrfToken() throws Exception {
        mvc.perform(post("/bindings/review").with(admin()).param("name", "x")).andExpect(status().isForbidden());
        mvc.perform(post("/settings/https").with(admin()).param("hstsEnabled", "true")).andExpect(status().isForbidden());
    }

    @Test
    void certificateImportErrorsAppearNextToTheirField() throws Exception {
        var leaf = TestCertificates.leaf(TestCertificates.ca("CA"), "page.portal.test");
        byte[] pfx = java.nio.file.Files.readAllBytes(leaf.writePkcs12(dir.resolve("page.pfx"), "right", "x"));
        mvc.perform(multipart("/certificates/import").file(new MockMultipartFile("file", "page.pfx", "application/x-pkcs12", pfx))
            .param("name", "page").param("format", "pfx").param("password", "wrong").with(admin()).with(csrf()))
            .andExpect(view().name(CertificatePagesController.IMPORT))
            .andExpect(content().string(containsString("The password does not open the PFX file.")));
        mvc.perform(multipart("/certificates/import").param("name", "page").param("format", "pem")
            .param("certificate", TestCertificates.pem(leaf.chain())).param("privateKey", "").with(admin()).with(csrf()))
            .andExpect(content().string(containsString("No private key was given.")));
        mvc.perform(multipart("/certificates/import").file(new MockMultipartFile("file", "page.pfx", "application/x-pkcs12", pfx))
            .param("name", "portal").param("format", "pfx").param("password", "right").with(admin()).with(csrf()))
            .andExpect(content().string(containsString("A certificate named &#39;portal&#39; already exists.")));
    }

    @Test
    void httpsSettingsErrorsAppearNextToTheirField() throws Exception {
        mvc.perform(post("/settings/https").with(admin()).with(csrf()).param("hstsEnabled", "true").param("hstsMaxAge", "1h")
            .param("hstsPreload", "true").param("redirectStatus", "308").param("action", "save"))
            .andExpect(view().name(HttpsSettingsPageController.VIEW))
            .andExpect(model().attributeHasFieldErrors("form", "hstsPreload"));
        mvc.perform(post("/settings/https").with(admin()).with(csrf()).param("hstsEnabled", "true").param("hstsMaxAge", "soon")
            .param("redirectStatus", "308").param("action", "save"))
            .andExpect(model().attributeHasFieldErrors("form", "hstsMaxAge"));
        mvc.perform(post("/settings/https").with(admin()).with(csrf()).param("hstsEnabled", "true").param("hstsMaxAge", "1h")
            .param("redirectStatus", "308").param("action", "check"))
            .andExpect(view().name(HttpsSettingsPageController.VIEW))
            .andExpect(content().string(containsString("data-code=\"hsts-untrusted-certificate\"")));
        mvc.perform(get("/settings/https").with(admin())).andExpect(content().string(containsString("Now from: ")))
            .andExpect(model().attribute("preview", false));
    }

    private static org.springframework.test.web.servlet.request.RequestPostProcessor admin() {
        return user("admin").roles("ADMIN");
    }

}
