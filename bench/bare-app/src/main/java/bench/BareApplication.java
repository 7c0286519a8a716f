package bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Serves pages captured from the portal over Spring Boot's own connector: at "/" the
 * bytes of {@code bench.page}, and at "/NAME" those of each file NAME.html in
 * {@code bench.pages} (bench/performance.sh). Static files, such as portal.css, are
 * served by Spring Boot's own resource handling from
 * {@code spring.web.resources.static-locations}.
 */
@SpringBootApplication
@RestController
public class BareApplication {

    private static final MediaType HTML = MediaType.parseMediaType("text/html;charset=UTF-8");

    private final Map<String, byte[]> pages = new HashMap<>();

    BareApplication(@Value("${bench.page:}") String page, @Value("${bench.pages:}") String pages) throws IOException {
        if (!page.isEmpty()) {
            this.pages.put("/", Files.readAllBytes(Path.of(page)));
        }
        if (!pages.isEmpty()) {
            try (var files = Files.list(Path.of(pages))) {
                for (Path file : files.filter((f) -> f.toString().endsWith(".html")).toList()) {
                    String name = file.getFileName().toString().replaceFirst("\\.html$", "");
                    this.pages.put("/" + name, Files.readAllBytes(file));
                }
            }
        }
    }

    @GetMapping({ "/", "/{name:[a-z-]+}" })
    ResponseEntity<byte[]> page(HttpServletRequest request) {
        byte[] body = this.pages.get(request.getRequestURI());
        return (body != null) ? ResponseEntity.ok().contentType(HTML).body(body) : ResponseEntity.notFound().build();
    }

    public static void main(String[] args) {
        SpringApplication.run(BareApplication.class, args);
    }

}
