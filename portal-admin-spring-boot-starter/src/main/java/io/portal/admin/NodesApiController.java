package io.portal.admin;

import java.util.List;

import io.portal.cluster.ClusterNodes;
import io.portal.cluster.NodeReport;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/nodes}: every portal that shares this one's store, as each last reported
 * itself: when it last followed the store, and what each of its bindings serves there.
 */
@RestController
class NodesApiController {

    private final ClusterNodes nodes;

    NodesApiController(ClusterNodes nodes) {
        this.nodes = nodes;
    }

    @GetMapping("/api/nodes")
    List<NodeReport> nodes() {
        return this.nodes.nodes();
    }

}
