package nl.ipsexchange.mha.web;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.ModelAndView;

import nl.ipsexchange.platform.web.NotFoundException;

/**
 * What the client pages (the record, the consents, the trajectory) answer a browser for an address that leads nowhere:
 * a page that says so and links back to the clients, never the API's problem document. The handlers here apply only
 * to the pages that extend this class; the API keeps its problem documents.
 */
abstract class ClientPages {

    @ExceptionHandler(NotFoundException.class)
    public ModelAndView notFound() {
        return problem(HttpStatus.NOT_FOUND, "Not found",
                "There is nothing at this address. Search for the client on the clients page.");
    }

    /** An id in the address that is not one is an address that leads nowhere; any other value is the form's. */
    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    public ModelAndView wrongValue(MethodArgumentTypeMismatchException wrong) {
        if (wrong.getParameter().hasParameterAnnotation(PathVariable.class)) {
            return notFound();
        }
        return problem(HttpStatus.BAD_REQUEST, "Not a valid value",
                "A value sent is not one this page offers. Go back, correct it and send it again.");
    }

    /** An error as a page of its own, linked back to the clients page. */
    static ModelAndView problem(HttpStatus status, String title, String detail) {
        ModelAndView page = new ModelAndView("mha/problem", status);
        page.addObject("title", title);
        page.addObject("detail", detail);
        return page;
    }
}
