package io.portal.system;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import jakarta.validation.Validation;
import jakarta.validation.ValidatorFactory;

import org.springframework.beans.BeansException;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.validation.ValidationBindHandler;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.core.env.Environment;
import org.springframework.validation.annotation.Validated;
import org.springframework.validation.beanvalidation.SpringValidatorAdapter;

/**
 * Reads the portal's settings before any bean is made, any file written or any port
 * opened, and stops the start when they are wrong: a {@code portal.*} property that no
 * settings class reads (see {@link UnknownProperties}), a value that cannot be read, or
 * one that breaks a settings class's Bean Validation constraints. The same binding and
 * validation happen again when the settings beans are made; doing it first means that a
 * wrong value is reported before the state store is opened or a certificate generated.
 */
class StrictConfiguration implements BeanFactoryPostProcessor, EnvironmentAware {

    private Environment environment;

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) throws BeansException {
        List<Class<?>> classes = settingsClasses(beanFactory);
        UnknownProperties.check(this.environment, classes);
        validate(classes);
    }

    private void validate(List<Class<?>> classes) {
        Binder binder = PortalBinder.get(this.environment);
        ValidatorFactory factory = null;
        try {
            for (Class<?> type : classes) {
                BindHandler handler = BindHandler.DEFAULT;
                if (MergedAnnotations.from(type).isPresent(Validated.class)) {
                    factory = (factory != null) ? factory : Validation.buildDefaultValidatorFactory();
                    handler = new ValidationBindHandler(new SpringValidatorAdapter(factory.getValidator()));
                }
                binder.bind(prefix(type), Bindable.of(type).withAnnotations(type.getAnnotations()), PortalBinder.handler(handler));
            }
        }
        finally {
            if (factory != null) {
                factory.close();
            }
        }
    }

    private static String prefix(Class<?> type) {
        var annotation = MergedAnnotations.from(type).get(ConfigurationProperties.class);
        return annotation.getString("prefix").isEmpty() ? annotation.getString("value") : annotation.getString("prefix");
    }

    private static List<Class<?>> settingsClasses(ConfigurableListableBeanFactory beanFactory) {
        Set<Class<?>> classes = new LinkedHashSet<>();
        for (String name : beanFactory.getBeanDefinitionNames()) {
            Class<?> type = beanFactory.getType(name, false);
            if (type != null && UnknownProperties.isPortalSettings(type)) {
                classes.add(type);
            }
        }
        return new ArrayList<>(classes);
    }

}
