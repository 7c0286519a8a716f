package io.portal.cluster;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings for portals that share one state store.
 */
@ConfigurationProperties("portal.cluster")
public class ClusterProperties {

    /**
     * How often each node follows the store in full, whatever it was told: the safety net
     * for a lost notification or a node that was away.
     */
    private Duration reconcileInterval = Duration.ofSeconds(30);

    /**
     * How often each node records in the store that it is alive and what it serves.
     */
    private Duration heartbeatInterval = Duration.ofSeconds(10);

    /**
     * The name this node is listed under; empty for the host name.
     */
    private String nodeName;

    public Duration getReconcileInterval() {
        return this.reconcileInterval;
    }

    public void setReconcileInterval(Duration reconcileInterval) {
        this.reconcileInterval = reconcileInterval;
    }

    public Duration getHeartbeatInterval() {
        return this.heartbeatInterval;
    }

    public void setHeartbeatInterval(Duration heartbeatInterval) {
        this.heartbeatInterval = heartbeatInterval;
    }

    public String getNodeName() {
        return this.nodeName;
    }

    public void setNodeName(String nodeName) {
        this.nodeName = nodeName;
    }

}
