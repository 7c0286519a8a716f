package bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Serves, at "/", the bytes of a page captured from the portal, over Spring Boot's own
 * connector.
 */
@SpringBootApplication
@RestController
public class BareApplication {

    private final byte[] page;

    BareApplication(@Value("${bench.page}") Path page) throws IOException {
        this.page = Files.readAllBytes(page);
    }

    @GetMapping("/")
    ResponseEntity<byte[]> home() {
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("text/html;charset=UTF-8")).body(this.page);
    }

    public static void main(String[] args) {
        SpringApplication.run(BareApplication.class, args);
    }

}
