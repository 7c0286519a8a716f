package io.portal.system;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.AbstractBindHandler;
import org.springframework.boot.context.properties.bind.BindContext;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.boot.origin.Origin;
import org.springframework.boot.origin.PropertySourceOrigin;
import org.springframework.boot.origin.SystemEnvironmentOrigin;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.core.env.Environment;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * Finds {@code portal.*} properties that no settings class reads: a typo such as
 * {@code portal.bindngs} or {@code ssl-bundel} would otherwise be skipped without a word
 * and the portal would run with defaults the operator did not choose.
 * <p>
 * The valid names are learnt by binding every portal settings class the way Spring Boot
 * does (relaxed names, maps keyed by binding or certificate name, lists, SNI keys such as
 * {@code [api.example.com]}), recording each name that is read; whatever a source sets
 * under {@code portal.} and nobody read is unknown. Values are not judged here: binding
 * reports those.
 * <p>
 * Environment variables and system properties are shared with other programs, which may
 * use the {@code PORTAL_} prefix for their own purposes ({@code PORTAL_URL} in scripts);
 * there, a name is only reported when it lies inside a known group
 * ({@code PORTAL_BINDINGS_WEB_PROT}) or is close to a valid name ({@code PORTAL_BINDNGS_...}).
 */
public final class UnknownProperties {

    private static final ConfigurationPropertyName PORTAL = PortalPropertyBindHandler.PORTAL;

    private final Binder binder;

    private final Iterable<ConfigurationPropertySource> sources;

    private final Set<ConfigurationPropertyName> attempted = new HashSet<>();

    private final Set<ConfigurationPropertyName> bound = new HashSet<>();

    private final Set<String> boundFlat = new HashSet<>();

    private UnknownProperties(Binder binder, Iterable<ConfigurationPropertySource> sources) {
        this.binder = binder;
        this.sources = sources;
    }

    /**
     * Check an environment against the portal's settings classes.
     * @param environment the environment
     * @param settingsClasses the {@code @ConfigurationProperties} classes with a
     * {@code portal} prefix
     * @throws UnknownPropertiesException naming every unknown property
     */
    public static void check(Environment environment, Collection<Class<?>> settingsClasses) {
        List<UnknownProperty> unknown = find(PortalBinder.get(environment), ConfigurationPropertySources.get(environment),
                settingsClasses);
        if (!unknown.isEmpty()) {
            throw new UnknownPropertiesException(unknown);
        }
    }

    /**
     * The unknown portal properties of some sources.
     * @param binder a binder over the sources
     * @param sources the sources
     * @param settingsClasses the settings classes
     * @return the unknown properties, in the order of the sources
     */
    public static List<UnknownProperty> find(Binder binder, Iterable<ConfigurationPropertySource> sources,
            Collection<Class<?>> settingsClasses) {
        UnknownProperties check = new UnknownProperties(binder, sources);
        settingsClasses.forEach(check::learn);
        return check.unknown();
    }

    /**
     * Whether a class holds portal settings.
     * @param type the class
     * @return whether it is a {@code @ConfigurationProperties} class under {@code portal}
     */
    public static boolean isPortalSettings(Class<?> type) {
        var annotation = MergedAnnotations.from(type).get(ConfigurationProperties.class);
        if (!annotation.isPresent()) {
            return false;
        }
        String prefix = annotation.getString("prefix").isEmpty() ? annotation.getString("value") : annotation.getString("prefix");
        return prefix.equals("portal") || prefix.startsWith("portal.");
    }

    private void learn(Class<?> type) {
        var annotation = MergedAnnotations.from(type).get(ConfigurationProperties.class);
        String prefix = annotation.getString("prefix").isEmpty() ? annotation.getString("value") : annotation.getString("prefix");
        this.binder.bind(prefix, Bindable.of(type), PortalBinder.handler(new Recorder()));
    }

    private List<UnknownProperty> unknown() {
        this.bound.forEach((name) -> this.boundFlat.add(flat(name.toString())));
        Map<ConfigurationPropertyName, UnknownProperty> found = new LinkedHashMap<>();
        for (ConfigurationPropertySource source : this.sources) {
            if (!(source instanceof IterableConfigurationPropertySource iterable) || isDefaults(source)) {
                continue;
            }
            for (ConfigurationPropertyName name : iterable) {
                if (!PORTAL.isAncestorOf(name) || found.containsKey(name) || isKnown(name, source)) {
                    continue;
                }
                ConfigurationProperty property = source.getConfigurationProperty(name);
                UnknownProperty unknown = describe(name, source, property);
                if (unknown != null) {
                    found.put(name, unknown);
                }
            }
        }
        return new ArrayList<>(found.values());
    }

    private boolean isKnown(ConfigurationPropertyName name, ConfigurationPropertySource source) {
        if (this.bound.contains(name) || isOverriddenCollectionElement(name)) {
            return true;
        }
        // PORTAL_MASTER_KEY reads as portal.master.key, yet Spring Boot binds it to
        // portal.master-key: compare environment variables without separators.
        ConfigurationProperty property = source.getConfigurationProperty(name);
        String variable = environmentVariable(source, name, property);
        return variable != null && this.boundFlat.contains(flat(variable));
    }

    private boolean isOverriddenCollectionElement(ConfigurationPropertyName name) {
        // A list set in a source of higher precedence replaces the whole list of a lower one.
        for (int i = 0; i < name.getNumberOfElements(); i++) {
            if (name.isNumericIndex(i) && this.bound.contains(name.chop(i))) {
                return true;
            }
        }
        return false;
    }

    private UnknownProperty describe(ConfigurationPropertyName name, ConfigurationPropertySource source, ConfigurationProperty property) {
        String where = (property != null) ? SettingOrigin.describe(source, property) : "";
        int known = knownDepth(name);
        ConfigurationPropertyName parent = name.chop(known);
        List<String> siblings = siblings(parent);
        String suggestion = suggest(name, known, siblings);
        boolean shared = isShared(source);
        if (shared && known <= 1 && suggestion == null) {
            return null;
        }
        String variable = environmentVariable(source, name, property);
        return new UnknownProperty(name.toString(), where, suggestion, parent.toString(), siblings, variable);
    }

    /**
     * How many leading elements of the name are known: at least the {@code portal} root.
     */
    private int knownDepth(ConfigurationPropertyName name) {
        int depth = 1;
        for (int i = 2; i < name.getNumberOfElements(); i++) {
            ConfigurationPropertyName ancestor = name.chop(i);
            if (isKnownAncestor(ancestor)) {
                depth = i;
            }
            else {
                break;
            }
        }
        return depth;
    }

    private boolean isKnownAncestor(ConfigurationPropertyName ancestor) {
        for (ConfigurationPropertyName attempt : this.attempted) {
            if (attempt.equals(ancestor) || ancestor.isAncestorOf(attempt)) {
                return true;
            }
        }
        return false;
    }

    private List<String> siblings(ConfigurationPropertyName parent) {
        Set<String> names = new TreeSet<>();
        for (ConfigurationPropertyName attempt : this.attempted) {
            if (parent.isParentOf(attempt) && !attempt.isLastElementIndexed()) {
                names.add(attempt.getLastElement(ConfigurationPropertyName.Form.DASHED));
            }
        }
        return new ArrayList<>(names);
    }

    private String suggest(ConfigurationPropertyName name, int known, List<String> siblings) {
        String element = flat(name.getElement(known, ConfigurationPropertyName.Form.DASHED));
        StringBuilder restJoined = new StringBuilder();
        for (int i = known; i < name.getNumberOfElements(); i++) {
            restJoined.append(flat(name.getElement(i, ConfigurationPropertyName.Form.DASHED)));
        }
        String best = null;
        boolean bestUsesRest = false;
        int bestDistance = Integer.MAX_VALUE;
        for (String sibling : siblings) {
            int single = distance(element, flat(sibling));
            int joined = distance(restJoined.toString(), flat(sibling));
            int distance = Math.min(single, joined);
            if (distance < bestDistance) {
                bestDistance = distance;
                best = sibling;
                bestUsesRest = joined < single;
            }
        }
        if (best == null || bestDistance > Math.max(2, element.length() / 4) || bestDistance == 0 && !bestUsesRest) {
            return null;
        }
        StringBuilder suggestion = new StringBuilder(name.chop(known).toString()).append('.').append(best);
        if (!bestUsesRest) {
            for (int i = known + 1; i < name.getNumberOfElements(); i++) {
                String part = name.getElement(i, ConfigurationPropertyName.Form.ORIGINAL);
                suggestion.append(name.chop(i + 1).isLastElementIndexed() ? "[" + part + "]" : "." + part);
            }
        }
        return suggestion.toString();
    }

    /**
     * The environment variable that set a property, if an environment variable did.
     */
    private static String environmentVariable(ConfigurationPropertySource source, ConfigurationPropertyName name,
            ConfigurationProperty property) {
        Origin inner = (property != null) ? property.getOrigin() : null;
        while (inner instanceof PropertySourceOrigin wrapper && wrapper.getOrigin() != null) {
            inner = wrapper.getOrigin();
        }
        if (inner instanceof SystemEnvironmentOrigin variable) {
            return variable.getProperty();
        }
        if (source.getUnderlyingSource() instanceof SystemEnvironmentPropertySource environment) {
            String wanted = flat(name.toString());
            for (String variable : environment.getPropertyNames()) {
                if (flat(variable).equals(wanted)) {
                    return variable;
                }
            }
        }
        return null;
    }

    private static boolean isDefaults(ConfigurationPropertySource source) {
        return source.getUnderlyingSource() instanceof PropertySource<?> propertySource
                && PortalDefaults.PROPERTY_SOURCE_NAME.equals(propertySource.getName());
    }

    private static boolean isShared(ConfigurationPropertySource source) {
        if (source.getUnderlyingSource() instanceof PropertySource<?> propertySource) {
            String name = propertySource.getName();
            return StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME.equals(name)
                    || StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME.equals(name);
        }
        return false;
    }

    private static String flat(String name) {
        StringBuilder flat = new StringBuilder();
        for (char c : name.toCharArray()) {
            if (Character.isLetterOrDigit(c)) {
                flat.append(Character.toLowerCase(c));
            }
        }
        return flat.toString().toLowerCase(Locale.ROOT);
    }

    /**
     * Edit distance with adjacent transpositions (optimal string alignment), so that
     * {@code bundel} is one step from {@code bundle}.
     */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = (a.charAt(i - 1) == b.charAt(j - 1)) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }

    /**
     * Records which names binding looks at and which it reads; failures are left to the
     * real binding, which explains them.
     */
    private final class Recorder extends AbstractBindHandler {

        @Override
        public <T> Bindable<T> onStart(ConfigurationPropertyName name, Bindable<T> target, BindContext context) {
            UnknownProperties.this.attempted.add(name);
            return super.onStart(name, target, context);
        }

        @Override
        public Object onSuccess(ConfigurationPropertyName name, Bindable<?> target, BindContext context, Object result) {
            UnknownProperties.this.bound.add(name);
            return super.onSuccess(name, target, context, result);
        }

        @Override
        public Object onFailure(ConfigurationPropertyName name, Bindable<?> target, BindContext context, Exception error) {
            UnknownProperties.this.bound.add(name);
            return null;
        }

    }

    /**
     * A property that no settings class reads.
     *
     * @param name the property, such as {@code portal.bindngs.web.port}
     * @param origin where it was set, such as {@code application.yml line 8, column 3}
     * @param suggestion the valid name it most likely meant, or {@code null}
     * @param parent the deepest known group it lies in, such as {@code portal.bindings.web}
     * @param validNames the names that group takes
     * @param environmentVariable the environment variable that set it, or {@code null}
     */
    public record UnknownProperty(String name, String origin, String suggestion, String parent, List<String> validNames,
            String environmentVariable) {

        /**
         * The name as the operator wrote it: the environment variable, or the property.
         * @return the name
         */
        public String spelled() {
            return (this.environmentVariable != null) ? this.environmentVariable : this.name;
        }

        /**
         * The suggestion spelled the same way as the unknown name.
         * @return the suggestion, or {@code null}
         */
        public String suggestionSpelled() {
            if (this.suggestion == null || this.environmentVariable == null) {
                return this.suggestion;
            }
            return this.suggestion.toUpperCase(Locale.ROOT).replace("-", "").replace('.', '_').replace("[", "_").replace("]", "");
        }

    }

}
