package io.portal.web;

import java.util.List;

import io.portal.system.ProblemType;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.server.ResponseStatusException;

/**
 * The pages that the {@code type} of the admin API's problem details point at: what each
 * kind of problem means and how to fix it. Open to everyone, as API documentation is.
 */
@Controller
class ProblemPagesController {

    static final String VIEW = "problems";

    @GetMapping("/problems")
    String all(Model model) {
        model.addAttribute("types", List.of(ProblemType.values()));
        return VIEW;
    }

    @GetMapping("/problems/{code}")
    String one(@PathVariable String code, Model model) {
        ProblemType type = ProblemType.ofCode(code)
            .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "There is no problem type '" + code + "'."));
        model.addAttribute("types", List.of(type));
        return VIEW;
    }

}
