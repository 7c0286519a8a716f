package io.portal.cluster;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import io.portal.testsupport.PortalInstance;
import io.portal.testsupport.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * A node is in the store's list of nodes, with the bindings it runs, by the time anything
 * reacts to its web server listening (such as an ACME check, which may take a lock that
 * every node sees): a node killed just after its start is listed as stale, never missing.
 */
class NodeListedWhenItListensTests {

    @TempDir
    Path dir;

    @Test
    void theNodeIsListedWithItsRunningBindingsBeforeTheListenersOfItsStartRun() {
        AtomicReference<List<NodeReport>> listedWhenListening = new AtomicReference<>();
        ApplicationContextInitializer<ConfigurableApplicationContext> observer = (context) -> context
            .addApplicationListener(new ApplicationListener<WebServerInitializedEvent>() {

                @Override
                public void onApplicationEvent(WebServerInitializedEvent event) {
                    listedWhenListening.compareAndSet(null,
                            event.getApplicationContext().getBean(ClusterNodes.class).nodes());
                }

            });
        try (TestPostgres.Schema schema = TestPostgres.schema()) {
            Map<String, Object> settings = schema.configure(PortalInstance.settings(this.dir));
            settings.put("portal.cluster.node-name", "starting");
            try (PortalInstance portal = PortalInstance.start(settings, observer)) {
                assertThat(listedWhenListening.get()).as("the nodes listed when the web server listened").singleElement()
                    .satisfies((node) -> {
                        assertThat(node.name()).isEqualTo("starting");
                        assertThat(node.self()).isTrue();
                        assertThat(node.stale()).isFalse();
                        assertThat(node.bindings()).extracting(NodeReport.BindingState::name, NodeReport.BindingState::running,
                                NodeReport.BindingState::port)
                            .containsExactlyInAnyOrder(
                                    tuple("web", true, portal.port("portal.bindings.web.port")),
                                    tuple("secure", true, portal.port("portal.bindings.secure.port")));
                    });
            }
        }
    }

}
