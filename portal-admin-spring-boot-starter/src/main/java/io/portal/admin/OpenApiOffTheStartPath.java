package io.portal.admin;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springdoc.webmvc.ui.SwaggerIndexTransformer;

import org.springframework.aop.framework.ProxyFactory;
import org.springframework.aop.target.LazyInitTargetSource;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.annotation.AnnotatedBeanDefinition;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.config.ConstructorArgumentValues.ValueHolder;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.type.MethodMetadata;

/**
 * Keeps the OpenAPI description and Swagger UI (springdoc) off the start path: no request to
 * the portal's pages or API needs them, yet creating them at start loaded about 950 classes
 * (Jackson 2 and Swagger's models, for springdoc's own mapper), a tenth of what the portal
 * loads beyond a bare Spring Boot app.
 * <p>
 * Springdoc's beans, and the portal's {@code OpenAPI} description, are made lazy; the one
 * springdoc bean that Spring MVC's configuration needs at start, its {@code WebMvcConfigurer},
 * gets its page transformer (which holds the mapper) as a proxy that creates it on first
 * use. They are created on a background thread {@link #WARM_UP_DELAY} after the portal is
 * ready, once the first visitors' requests (and, on two cores, the JIT compiler) no longer
 * need the processor, so that the first {@code /v3/api-docs} or
 * {@code /swagger-ui/index.html} does not wait for them either; a request for them before
 * that creates them itself. A failure there is logged; the request that needs the bean then
 * reports it as before.
 */
class OpenApiOffTheStartPath implements BeanFactoryPostProcessor, ApplicationListener<ApplicationReadyEvent> {

    private static final Logger logger = LoggerFactory.getLogger(OpenApiOffTheStartPath.class);

    /**
     * How long after the portal is ready the deferred beans are created.
     */
    static final Duration WARM_UP_DELAY = Duration.ofSeconds(10);

    private static final String SPRINGDOC = "org.springdoc.";

    private static final String TRANSFORMER = "indexPageTransformer";

    private final List<String> deferred = new ArrayList<>();

    private volatile List<String> createdBeforeReady = List.of();

    private ConfigurableListableBeanFactory beanFactory;

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) throws BeansException {
        this.beanFactory = beanFactory;
        for (String name : beanFactory.getBeanDefinitionNames()) {
            BeanDefinition definition = beanFactory.getBeanDefinition(name);
            if (definition.getRole() != BeanDefinition.ROLE_INFRASTRUCTURE && (fromSpringdoc(definition) || "portalOpenApi".equals(name))) {
                definition.setLazyInit(true);
                this.deferred.add(name);
            }
        }
        if (beanFactory.containsBeanDefinition(TRANSFORMER) && beanFactory.containsBeanDefinition("swaggerWebMvcConfigurer")) {
            LazyInitTargetSource target = new LazyInitTargetSource();
            target.setTargetBeanName(TRANSFORMER);
            target.setTargetClass(SwaggerIndexTransformer.class);
            target.setBeanFactory(beanFactory);
            ProxyFactory proxy = new ProxyFactory(SwaggerIndexTransformer.class, target);
            beanFactory.getBeanDefinition("swaggerWebMvcConfigurer")
                .getConstructorArgumentValues()
                .addGenericArgumentValue(new ValueHolder(proxy.getProxy(getClass().getClassLoader()), SwaggerIndexTransformer.class.getName()));
        }
    }

    private static boolean fromSpringdoc(BeanDefinition definition) {
        String className = definition.getBeanClassName();
        if (className != null && className.startsWith(SPRINGDOC)) {
            return true;
        }
        if (definition instanceof AnnotatedBeanDefinition annotated) {
            MethodMetadata factoryMethod = annotated.getFactoryMethodMetadata();
            return factoryMethod != null && factoryMethod.getDeclaringClassName().startsWith(SPRINGDOC);
        }
        return false;
    }

    @Override
    public void onApplicationEvent(ApplicationReadyEvent event) {
        if (this.deferred.isEmpty() || event.getApplicationContext().getBeanFactory() != this.beanFactory) {
            return;
        }
        this.createdBeforeReady = this.deferred.stream().filter(this.beanFactory::containsSingleton).toList();
        ConfigurableApplicationContext context = event.getApplicationContext();
        Thread warmUp = new Thread(() -> createDeferred(context), "openapi-warm-up");
        warmUp.setDaemon(true);
        warmUp.start();
    }

    /**
     * The deferred beans that had been created all the same when the portal was ready
     * (those that Spring MVC's configuration needs at start).
     * @return their names
     */
    List<String> createdBeforeReady() {
        return this.createdBeforeReady;
    }

    private void createDeferred(ConfigurableApplicationContext context) {
        try {
            Thread.sleep(WARM_UP_DELAY.toMillis());
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return;
        }
        for (String name : this.deferred) {
            try {
                this.beanFactory.getBean(name);
            }
            catch (RuntimeException ex) {
                if (!context.isActive()) {
                    return;
                }
                logger.warn("Could not prepare '{}' of the OpenAPI description ahead of its first request: {}", name, ex.toString());
            }
        }
    }

}
