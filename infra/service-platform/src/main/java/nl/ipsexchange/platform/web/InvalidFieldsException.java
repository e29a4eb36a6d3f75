package nl.ipsexchange.platform.web;

import java.util.List;
import java.util.stream.Collectors;

/** Several fields are wrong; answered with 400, every field named in {@code detail} and {@code errors}. */
public class InvalidFieldsException extends RuntimeException {

    private final transient List<FieldProblem> problems;

    public InvalidFieldsException(List<FieldProblem> problems) {
        super(problems.stream().map(p -> p.field() + ": " + p.message()).collect(Collectors.joining("; ")));
        this.problems = List.copyOf(problems);
    }

    public List<FieldProblem> problems() {
        return problems;
    }
}
