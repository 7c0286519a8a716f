package io.portal.cluster;

import io.portal.binding.ConditionalOnBindings;

import io.portal.acme.PortalAcmeAutoConfiguration;
import io.portal.https.PortalHttpsAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

import java.time.Clock;
import java.util.List;

import javax.sql.DataSource;

import io.portal.binding.Listeners;
import io.portal.certificate.CertificateCatalog;
import io.portal.store.StoreFollower;
import io.portal.system.PortalProperties;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.TaskScheduler;

import tools.jackson.databind.json.JsonMapper;

/**
 * Wiring of a node among those that share the store. Only where the portal serves (not
 * for the shell's commands).
 */
@AutoConfiguration(after = { PortalAcmeAutoConfiguration.class, PortalHttpsAutoConfiguration.class })
@EnableConfigurationProperties(ClusterProperties.class)
public class PortalClusterAutoConfiguration {

    /**
     * Where the portal serves; the shell's commands are no node.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication
    @ConditionalOnBindings
    static class Node {

        @Bean
        NodeIdentity nodeIdentity(ClusterProperties cluster, PortalProperties portal) {
            return NodeIdentity.of(cluster.getNodeName(), portal.getDataDir());
        }

        @Bean
        ClusterWorker clusterWorker() {
            return new ClusterWorker();
        }

        @Bean
        StoreFollowing storeFollowing(List<StoreFollower> followers, ClusterWorker executor, Clock clock) {
            return new StoreFollowing(followers, executor, clock);
        }

        @Bean
        @DependsOnDatabaseInitialization
        ClusterNodes clusterNodes(NodeIdentity self, JdbcClient jdbcClient, JsonMapper json, Listeners listeners,
                CertificateCatalog catalog, StoreFollowing following, ClusterProperties properties, Clock clock) {
            return new ClusterNodes(self, new NodeStore(jdbcClient, json, clock), listeners, catalog, following,
                    properties.getHeartbeatInterval(), clock);
        }

        @Bean
        ClusterMaintenance clusterMaintenance(StoreFollowing following, ClusterNodes nodes, TaskScheduler taskScheduler,
                ClusterWorker executor, ClusterProperties properties, Clock clock) {
            return new ClusterMaintenance(following, nodes, taskScheduler, executor, properties, clock);
        }

        @Bean
        ChangeAnnouncements changeAnnouncements(DataSource dataSource, StoreFollowing following) {
            return new ChangeAnnouncements(dataSource, following::requestRound);
        }

    }

}
