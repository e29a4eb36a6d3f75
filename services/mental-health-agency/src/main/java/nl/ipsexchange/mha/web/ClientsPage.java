package nl.ipsexchange.mha.web;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Validator;

import nl.ipsexchange.kernel.BenefitType;
import nl.ipsexchange.mha.query.client.ClientQueries.ClientSearchResult;
import nl.ipsexchange.mha.query.client.ClientQueries.SearchClientsQuery;
import nl.ipsexchange.platform.web.FieldProblem;
import nl.ipsexchange.platform.web.InputDates;

/**
 * The mental health agency's working page of its clients: search by name, date of birth or citizen service number,
 * and registration through a form that the API's own request and rules check.
 */
@Controller
public class ClientsPage {

    /** The most clients a search shows; when more match, the page says so and asks for more of the name. */
    static final int SHOWN = 50;

    private final QueryGateway queries;
    private final ClientController api;
    private final Validator validator;

    public ClientsPage(QueryGateway queries, ClientController api, Validator validator) {
        this.queries = queries;
        this.api = api;
        this.validator = validator;
    }

    @GetMapping("/clients")
    @Staff
    public String clients(@RequestParam(required = false) String name,
                          @RequestParam(required = false) String dateOfBirth,
                          @RequestParam(required = false) String bsn, Model model, HttpServletResponse response) {
        List<FieldProblem> problems = new ArrayList<>();
        LocalDate birth = null;
        if (dateOfBirth != null && !dateOfBirth.isBlank()) {
            try {
                birth = InputDates.parse(dateOfBirth.trim());
            } catch (DateTimeException notADate) {
                problems.add(new FieldProblem("dateOfBirth", "Date of birth must be a real date, from "
                        + InputDates.EARLIEST + " to " + InputDates.LATEST));
            }
        }
        String number = bsn == null || bsn.isBlank() ? null : bsn.replaceAll("[\\s.]", "");
        if (number != null && !number.matches("\\d{9}")) {
            problems.add(new FieldProblem("bsn", "Citizen service number (BSN) must be 9 digits"));
        }
        String words = name == null || name.isBlank() ? null : name.trim();
        if (words != null && words.length() > 200) {
            problems.add(new FieldProblem("name", "Name must be at most 200 characters"));
        }
        model.addAttribute("name", name == null ? "" : name);
        model.addAttribute("dateOfBirth", dateOfBirth == null ? "" : dateOfBirth);
        model.addAttribute("bsn", bsn == null ? "" : bsn);
        model.addAttribute("problems", problems);
        model.addAttribute("searched", words != null || birth != null || number != null);
        if (!problems.isEmpty()) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return "mha/clients";
        }
        ClientSearchResult result = queries.query(new SearchClientsQuery(words, birth, number, SHOWN),
                ClientSearchResult.class).join();
        model.addAttribute("clients", result.clients());
        model.addAttribute("more", result.more());
        model.addAttribute("shown", SHOWN);
        return "mha/clients";
    }

    @GetMapping("/clients/new")
    @Staff
    public String registration(Model model) {
        return form(model, RegistrationForm.empty(), List.of());
    }

    /** A registration from the page: the API's request and rules; every problem at once, the input kept. */
    @PostMapping("/clients")
    @Staff
    public String register(@ModelAttribute RegistrationForm form, Model model, HttpServletResponse response,
                           RedirectAttributes redirect) {
        RegistrationForm.Checked checked = form.check(validator);
        if (!checked.problems().isEmpty()) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return form(model, form, checked.problems());
        }
        try {
            String clientId = api.register(checked.request()).getBody().clientId();
            redirect.addFlashAttribute("message", checked.request().name() + " is registered.");
            return "redirect:/clients/" + clientId;
        } catch (RuntimeException failed) {
            // the only rule the register itself checks: a citizen service number registered before (409)
            FormCheck.Refusal refused = RegistrationForm.FIELDS.check().refused(failed, new FieldProblem("bsn",
                    "A client with this citizen service number is already registered: search for them instead"));
            response.setStatus(refused.status().value());
            return form(model, form, List.of(refused.problem()));
        }
    }

    private static String form(Model model, RegistrationForm form, List<FieldProblem> problems) {
        model.addAttribute("form", form);
        model.addAttribute("problems", problems);
        model.addAttribute("benefits", BenefitType.values());
        return "mha/client-new";
    }
}
