package io.portal.example;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The application's own endpoint.
 */
@RestController
class GreetingController {

    @GetMapping("/hello")
    String hello() {
        return "Hello from the host application";
    }

}
