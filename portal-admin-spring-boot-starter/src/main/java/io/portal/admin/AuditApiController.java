package io.portal.admin;

import java.util.List;

import io.portal.audit.AuditEntry;
import io.portal.audit.AuditLog;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/audit}: every change, newest first.
 */
@RestController
class AuditApiController {

    private final AuditLog log;

    AuditApiController(AuditLog log) {
        this.log = log;
    }

    @GetMapping("/api/audit")
    List<AuditEntry> recent(@RequestParam(defaultValue = "100") int limit) {
        return this.log.recent(Math.max(1, Math.min(limit, 1000)));
    }

}
