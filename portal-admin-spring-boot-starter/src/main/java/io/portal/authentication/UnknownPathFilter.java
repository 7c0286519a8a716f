package io.portal.authentication;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.BeanFactoryUtils;
import org.springframework.context.ApplicationContext;
import org.springframework.core.annotation.AnnotationAwareOrderComparator;
import org.springframework.core.io.Resource;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerExecutionChain;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.resource.ResourceHttpRequestHandler;

/**
 * Asks anonymous visitors to sign in only where there is something to sign in for: a
 * path that no controller, endpoint or static file answers is 404 Not Found for them, as
 * for signed-in administrators, instead of a sign-in page that suggests it exists. Runs
 * before the access rules, which stay as they are for every path that exists.
 */
class UnknownPathFilter extends OncePerRequestFilter {

    private final ApplicationContext context;

    private final RequestMatcher openToAll;

    private volatile List<HandlerMapping> mappings;

    /**
     * @param context the context that holds the handler mappings
     * @param openToAll the requests everyone may make: they need no look-up here, as no
     * sign-in is asked for them, and what does not exist of them is 404 anyway
     */
    UnknownPathFilter(ApplicationContext context, RequestMatcher openToAll) {
        this.context = context;
        this.openToAll = openToAll;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        boolean anonymous = authentication == null || authentication instanceof AnonymousAuthenticationToken;
        if (anonymous && !this.openToAll.matches(request) && !isAnswered(request)) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        chain.doFilter(request, response);
    }

    private boolean isAnswered(HttpServletRequest request) {
        for (HandlerMapping mapping : mappings()) {
            try {
                HandlerExecutionChain chain = mapping.getHandler(request);
                if (chain == null) {
                    continue;
                }
                if (!(chain.getHandler() instanceof ResourceHttpRequestHandler resources) || exists(resources, request)) {
                    return true;
                }
            }
            catch (Exception ex) {
                // The path is mapped, for another method or media type.
                return true;
            }
        }
        return false;
    }

    /**
     * Whether a static resource handler has a file for the path. The part of the path
     * its mapping consumed is not known here, so each tail of the path is tried.
     */
    private static boolean exists(ResourceHttpRequestHandler handler, HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (path.contains("..")) {
            return false;
        }
        String[] segments = path.replaceAll("^/+", "").split("/");
        for (int start = 0; start < segments.length; start++) {
            String relative = String.join("/", java.util.Arrays.copyOfRange(segments, start, segments.length));
            if (relative.isEmpty()) {
                continue;
            }
            for (Resource location : handler.getLocations()) {
                try {
                    Resource candidate = location.createRelative(relative);
                    if (candidate.exists() && candidate.isReadable()) {
                        return true;
                    }
                }
                catch (IOException ex) {
                    // not there
                }
            }
        }
        return false;
    }

    private List<HandlerMapping> mappings() {
        List<HandlerMapping> mappings = this.mappings;
        if (mappings == null) {
            mappings = new ArrayList<>(BeanFactoryUtils.beansOfTypeIncludingAncestors(this.context, HandlerMapping.class, true, false)
                .values());
            AnnotationAwareOrderComparator.sort(mappings);
            this.mappings = mappings;
        }
        return mappings;
    }

}
