package io.portal.store;

import java.util.Set;

import org.springframework.boot.sql.init.dependency.AbstractBeansOfTypeDatabaseInitializerDetector;

/**
 * Tells Spring Boot that {@link PortalSchema} initializes the database, so that every bean
 * marked {@code @DependsOnDatabaseInitialization} is created after the portal's tables are.
 */
class PortalSchemaDetector extends AbstractBeansOfTypeDatabaseInitializerDetector {

    @Override
    protected Set<Class<?>> getDatabaseInitializerBeanTypes() {
        return Set.of(PortalSchema.class);
    }

}
