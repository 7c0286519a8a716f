package io.portal.system;

import java.beans.PropertyDescriptor;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.portal.PortalApplicationDefaults;
import io.portal.acme.AcmeProperties;
import io.portal.binding.Binding;
import io.portal.binding.BindingProperties;
import io.portal.binding.BindingValidator;
import io.portal.binding.Scheme;
import io.portal.certificate.CertificatesProperties;
import io.portal.certificate.KeyType;
import io.portal.https.HttpsSettings;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.BeanUtils;
import org.springframework.beans.BeanWrapperImpl;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.DataObjectPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.ResolvableType;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.StandardEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/**
 * The configuration metadata that IDEs read (the processor's output merged with
 * META-INF/additional-spring-configuration-metadata.json) against the code: every name it
 * declares is one the portal reads, every hinted value one it accepts, and every closed
 * list of values the complete list.
 */
class ConfigurationMetadataTests {

    private static final String LISTENER = BindingProperties.Listener.class.getName();

    private static Map<String, Map<String, Object>> properties;

    private static Map<String, Map<String, Object>> hints;

    private static Map<String, Map<String, Object>> groups;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void readMergedMetadata() throws IOException {
        // The starter's, the admin part's and the application's files, merged as an IDE reads them.
        Map<String, Object> metadata = new LinkedHashMap<>();
        for (URL url : Collections.list(ConfigurationMetadataTests.class.getClassLoader()
            .getResources("META-INF/spring-configuration-metadata.json"))) {
            try (InputStream in = url.openStream()) {
                Map<String, Object> file = JsonMapper.builder().build().readValue(in, Map.class);
                for (String section : List.of("properties", "groups", "hints")) {
                    List<Object> portal = ((List<Map<String, Object>>) file.getOrDefault(section, List.of())).stream()
                        .filter((entry) -> String.valueOf(entry.get("name")).startsWith("portal"))
                        .map(Object.class::cast)
                        .toList();
                    ((List<Object>) metadata.computeIfAbsent(section, (key) -> new java.util.ArrayList<>())).addAll(portal);
                }
            }
        }
        assertThat((List<?>) metadata.get("properties")).as("the portal's spring-configuration-metadata.json on the class path")
            .anyMatch((p) -> "portal.bindings".equals(((Map<?, ?>) p).get("name")));
        properties = byName((List<Map<String, Object>>) metadata.get("properties"));
        groups = new LinkedHashMap<>();
        ((List<Map<String, Object>>) metadata.get("groups")).forEach((group) -> groups.put(group.get("type") + "", group));
        hints = byName((List<Map<String, Object>>) metadata.getOrDefault("hints", List.of()));
        assertThat(hints).as("hints merged from additional-spring-configuration-metadata.json (a clean build merges them)")
            .containsKey("portal.bindings.keys");
    }

    @Test
    void everyHintBelongsToADeclaredPropertyOrToTheKeysOrValuesOfAMap() {
        for (String name : hints.keySet()) {
            String property = name.replaceFirst("\\.(keys|values)$", "");
            assertThat(properties).as("property of hint %s", name).containsKey(property);
            if (!property.equals(name)) {
                assertThat((String) properties.get(property).get("type")).as(name).startsWith("java.util.Map<");
            }
        }
    }

    @Test
    void theBindingsAndCertificateNamedAreTheDefaultOnesWithTheirDefaultValues() {
        StandardEnvironment environment = defaults();
        BindingProperties bindings = Binder.get(environment).bindOrCreate("portal", BindingProperties.class);
        assertThat(values("portal.bindings.keys")).containsExactlyInAnyOrderElementsOf(bindings.getBindings().keySet());
        CertificatesProperties certificates = Binder.get(environment).bindOrCreate("portal", CertificatesProperties.class);
        assertThat(values("portal.certificates.keys")).containsExactly(PortalApplicationDefaults.DEFAULT_BUNDLE)
            .containsExactlyInAnyOrderElementsOf(certificates.getCertificates().keySet());
        properties.forEach((name, property) -> {
            Object expected = property.get("defaultValue");
            if (expected != null && name.matches("portal\\.(bindings|certificates)\\.[^.]+\\..*")) {
                String[] parts = name.split("\\.", 4);
                String path = parts[1] + "[" + parts[2] + "]." + Arrays.stream(parts[3].split("\\."))
                    .map(ConfigurationMetadataTests::camelCase).collect(Collectors.joining("."));
                Object bound = new BeanWrapperImpl(parts[1].equals("bindings") ? bindings : certificates).getPropertyValue(path);
                assertThat(bound).as("default of %s", name).isEqualTo(bind(name, String.valueOf(expected), javaType(property)));
            }
        });
        assertThat(values("portal.bindings.web.redirect-to")).allMatch((name) -> bindings.getBindings().get(name).getScheme() == Scheme.HTTPS);
        assertThat(values("portal.bindings.secure.ssl-bundle")).containsExactly(bindings.getBindings().get("secure").getSslBundle());
        assertThat(values("portal.bindings.secure.sni.values")).containsExactly(PortalApplicationDefaults.DEFAULT_BUNDLE);
    }

    @Test
    void everyPropertyOfABindingIsDeclaredForTheDefaultBindingsWithItsType() {
        Map<String, String> listener = new LinkedHashMap<>();
        for (PropertyDescriptor descriptor : BeanUtils.getPropertyDescriptors(BindingProperties.Listener.class)) {
            if (descriptor.getWriteMethod() != null) {
                listener.put(DataObjectPropertyName.toDashedForm(descriptor.getName()), typeName(descriptor));
            }
        }
        Set<String> declared = new TreeSet<>();
        properties.forEach((name, property) -> {
            if (name.startsWith("portal.bindings.") && !name.equals("portal.bindings")) {
                String key = name.substring(name.indexOf('.', "portal.bindings.".length()) + 1);
                assertThat(listener).as("%s is a property of a binding", name).containsKey(key);
                assertThat(property.get("type")).as("type of %s", name).isEqualTo(listener.get(key));
                assertThat(property.get("sourceType")).as(name).isEqualTo(LISTENER);
                declared.add(key);
            }
        });
        assertThat(declared).as("keys of a binding that an IDE can complete").containsExactlyInAnyOrderElementsOf(listener.keySet());
    }

    @Test
    void everyDeclaredNameIsOneThePortalReads() {
        Map<String, Object> values = new LinkedHashMap<>();
        properties.forEach((name, property) -> {
            String type = (String) property.get("type");
            if (type.equals("java.util.Map<java.lang.String,java.lang.String>")) {
                values.put(name + ".example", PortalApplicationDefaults.DEFAULT_BUNDLE);
            }
            else if (!type.startsWith("java.util.Map<")) {
                values.put(name, sample(property));
            }
        });
        MutablePropertySources sources = new MutablePropertySources();
        sources.addFirst(new MapPropertySource("metadata", values));
        List<Class<?>> settings = groups.values().stream()
            .filter((group) -> group.get("sourceMethod") == null)
            .map((group) -> classNamed((String) group.get("type")))
            .filter(UnknownProperties::isPortalSettings)
            .collect(Collectors.toList());
        assertThat(settings).contains(BindingProperties.class, CertificatesProperties.class, AcmeProperties.class);
        assertThat(UnknownProperties.find(PortalBinder.of(sources), ConfigurationPropertySources.from(sources), settings)).isEmpty();
    }

    @Test
    void schemesAreTheSchemes() {
        for (String name : List.of("portal.bindings.web.scheme", "portal.bindings.secure.scheme")) {
            assertThat(values(name)).containsExactlyElementsOf(Arrays.stream(Scheme.values()).map(Scheme::id).toList());
            values(name).forEach((value) -> assertThat(bind(name, value, Scheme.class)).isEqualTo(Scheme.valueOf(value.toUpperCase())));
        }
    }

    @Test
    void keyTypesAreTheKeyTypes() {
        for (String name : List.of("portal.certificates.portal.self-signed.key-type", "portal.acme.key-type")) {
            assertThat(values(name)).containsExactlyElementsOf(Arrays.stream(KeyType.values()).map(KeyType::id).toList());
            values(name).forEach((value) -> assertThat(bind(name, value, KeyType.class)).isEqualTo(KeyType.of(value)));
        }
    }

    @Test
    void protocolsAreThoseABindingAccepts() {
        assertThat(values("portal.bindings.secure.protocols")).containsExactlyElementsOf(BindingValidator.PROTOCOLS);
        for (String protocol : values("portal.bindings.secure.protocols")) {
            Binding binding = new Binding("secure", Scheme.HTTPS, null, 8443, "portal", Map.of(), List.of(protocol), List.of(),
                    Binding.Source.CONFIG);
            assertThatCode(() -> new BindingValidator().validate(binding, Set.of("portal"))).as(protocol).doesNotThrowAnyException();
        }
    }

    @Test
    void directoryNamesAreTheNamesThePortalResolvesToEveryKnownCa() throws IllegalAccessException {
        List<String> known = new ArrayList<>();
        for (Field field : AcmeProperties.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class
                    && ((String) field.get(null)).matches("https://.*/directory")) {
                known.add((String) field.get(null));
            }
        }
        assertThat(known).isNotEmpty();
        assertThat(values("portal.acme.directory").stream().map(AcmeProperties::directoryUrl).toList())
            .containsExactlyInAnyOrderElementsOf(known);
        assertThat(providers("portal.acme.directory")).as("a URL is accepted too").containsExactly("any");
        assertThat(new AcmeProperties().getDirectory()).isIn(values("portal.acme.directory"));
    }

    @Test
    void redirectStatusesAreExactlyThoseThePortalSends() {
        List<Integer> accepted = IntStream.range(100, 600).filter((status) -> {
            try {
                new HttpsSettings(true, status, false, java.time.Duration.ZERO, false, false, false).checkConsistent();
                return true;
            }
            catch (RuntimeException ex) {
                return false;
            }
        }).boxed().toList();
        assertThat(values("portal.redirect-status").stream().map(Integer::valueOf).toList())
            .containsExactlyInAnyOrderElementsOf(accepted)
            .first().isEqualTo(new io.portal.https.HttpsProperties().getRedirectStatus());
    }

    @Test
    void theTrustStoreIsHandledAsAResource() throws ClassNotFoundException {
        @SuppressWarnings("unchecked")
        Map<String, Object> provider = ((List<Map<String, Object>>) hints.get("portal.acme.trust-store").get("providers")).get(0);
        assertThat(provider.get("name")).isEqualTo("handle-as");
        assertThat(Class.forName((String) ((Map<?, ?>) provider.get("parameters")).get("target")))
            .isEqualTo(org.springframework.core.io.Resource.class);
    }

    @SuppressWarnings("unchecked")
    private static List<String> values(String hint) {
        assertThat(hints).containsKey(hint);
        return ((List<Map<String, Object>>) hints.get(hint).getOrDefault("values", List.of())).stream()
            .map((value) -> String.valueOf(value.get("value")))
            .toList();
    }

    @SuppressWarnings("unchecked")
    private static List<String> providers(String hint) {
        return ((List<Map<String, Object>>) hints.get(hint).getOrDefault("providers", List.of())).stream()
            .map((provider) -> (String) provider.get("name"))
            .toList();
    }

    private static <T> T bind(String name, String value, Class<T> type) {
        MutablePropertySources sources = new MutablePropertySources();
        sources.addFirst(new MapPropertySource("hint", Map.of(name, value)));
        return PortalBinder.of(sources).bind(name, Bindable.of(type)).get();
    }

    /**
     * The environment of a portal started without configuration.
     */
    private static StandardEnvironment defaults() {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("test", Map.of("spring.datasource.url", "jdbc:h2:mem:x")));
        SpringApplication application = new SpringApplication();
        application.setWebApplicationType(WebApplicationType.NONE);
        new PortalDefaults().postProcessEnvironment(environment, application);
        new io.portal.PortalApplicationDefaults().postProcessEnvironment(environment, application);
        new PortalApplicationDefaults().postProcessEnvironment(environment, application);
        return environment;
    }

    private static String camelCase(String dashed) {
        String[] words = dashed.split("-");
        return words[0] + Arrays.stream(words, 1, words.length)
            .map((word) -> Character.toUpperCase(word.charAt(0)) + word.substring(1))
            .collect(Collectors.joining());
    }

    private static Class<?> javaType(Map<String, Object> property) {
        return classNamed(((String) property.get("type")).replaceFirst("<.*", ""));
    }

    private static Class<?> classNamed(String name) {
        try {
            return Class.forName(name);
        }
        catch (ClassNotFoundException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static Object sample(Map<String, Object> property) {
        Object value = property.get("defaultValue");
        if (value != null) {
            return String.valueOf(value);
        }
        String type = (String) property.get("type");
        if (type.startsWith("java.util.Map<")) {
            return null;
        }
        return switch (type) {
            case "java.lang.Integer" -> "1";
            case "java.lang.Boolean" -> "true";
            case "java.time.Duration" -> "1h";
            default -> "x";
        };
    }

    private static String typeName(PropertyDescriptor descriptor) {
        ResolvableType type = ResolvableType.forMethodReturnType(descriptor.getReadMethod());
        Class<?> resolved = org.springframework.util.ClassUtils.resolvePrimitiveIfNecessary(type.resolve());
        if (!type.hasGenerics()) {
            return resolved.getName();
        }
        return resolved.getName() + Arrays.stream(type.getGenerics()).map((generic) -> generic.resolve().getName())
            .collect(Collectors.joining(",", "<", ">"));
    }

    private static Map<String, Map<String, Object>> byName(List<Map<String, Object>> items) {
        Map<String, Map<String, Object>> byName = new LinkedHashMap<>();
        items.forEach((item) -> byName.put((String) item.get("name"), item));
        return byName;
    }

}
