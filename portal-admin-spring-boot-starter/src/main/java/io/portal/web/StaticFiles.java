package io.portal.web;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.Resource;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.resource.PathResourceResolver;
import org.springframework.web.servlet.resource.ResourceResolver;
import org.springframework.web.servlet.resource.ResourceResolverChain;

/**
 * Serves the pages' own static files from memory. Spring Boot's handler for
 * {@code classpath:/static/} asks the class loader for the file on every request, which
 * searches every jar of the class path and opens the nested jar's entry each time: about
 * two thirds of the CPU time of {@code /portal.css}. Each file is read once, on its first
 * request, with its modification time for {@code Last-Modified}; the files are in the jar
 * and never change while it runs.
 */
class StaticFiles implements WebMvcConfigurer {

    /**
     * The files, at the root of the portal's paths as in {@code static/}.
     */
    static final List<String> FILES = List.of("portal.css", "lets-encrypt.js");

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        registry.addResourceHandler(FILES.stream().map((file) -> "/" + file).toArray(String[]::new))
            .addResourceLocations("classpath:/static/")
            .resourceChain(false)
            .addResolver(new InMemory())
            // Named, so that no WebJars look-up is added before it.
            .addResolver(new PathResourceResolver());
    }

    /**
     * Resolves each file once through the rest of the chain and keeps its bytes.
     */
    static final class InMemory implements ResourceResolver {

        private final Map<String, Resource> loaded = new ConcurrentHashMap<>();

        @Override
        public Resource resolveResource(HttpServletRequest request, String requestPath, List<? extends Resource> locations,
                ResourceResolverChain chain) {
            Resource resource = this.loaded.get(requestPath);
            if (resource != null) {
                return resource;
            }
            Resource found = chain.resolveResource(request, requestPath, locations);
            if (found == null) {
                return null;
            }
            try {
                resource = Loaded.of(found);
            }
            catch (IOException ex) {
                return found;
            }
            this.loaded.put(requestPath, resource);
            return resource;
        }

        @Override
        public String resolveUrlPath(String resourcePath, List<? extends Resource> locations, ResourceResolverChain chain) {
            return chain.resolveUrlPath(resourcePath, locations);
        }

    }

    /**
     * A file's bytes with its name (for the media type) and modification time.
     */
    static final class Loaded extends ByteArrayResource {

        private final String filename;

        private final long lastModified;

        private Loaded(byte[] bytes, String filename, long lastModified) {
            super(bytes, filename);
            this.filename = filename;
            this.lastModified = lastModified;
        }

        static Loaded of(Resource resource) throws IOException {
            try (InputStream in = resource.getInputStream()) {
                return new Loaded(in.readAllBytes(), resource.getFilename(), resource.lastModified());
            }
        }

        @Override
        public String getFilename() {
            return this.filename;
        }

        @Override
        public long lastModified() {
            return this.lastModified;
        }

        @Override
        public boolean equals(Object other) {
            return this == other;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(this);
        }

    }

}
