package nl.ipsexchange.mha.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The fields of a page's form as the page shows them: each field's name in the API's request, its label, the words
 * for one left empty, and the id of its input (the form's prefix and the name, so that several forms on one page, or
 * one form per row, do not share ids). {@link FormCheck} speaks of a field in these words.
 */
final class FormFields {

    /** A field: its name in the request, its label, and what the page says when it is left empty. */
    record Field(String name, String label, String missing) {
    }

    private final String prefix;
    private final List<Field> fields;
    private final String anchor;

    private FormFields(String prefix, List<Field> fields, String anchor) {
        this.prefix = prefix;
        this.fields = List.copyOf(fields);
        this.anchor = anchor;
    }

    /** A form whose inputs' ids are {@code prefix-name} (or the names themselves when the prefix is empty). */
    static FormFields of(String prefix) {
        return new FormFields(prefix, List.of(), null);
    }

    /** A field typed in or picked from a calendar: "Enter the ..." when empty. */
    FormFields text(String name, String label) {
        return with(new Field(name, label, "Enter the " + lowerFirst(label)));
    }

    /** A field chosen from options (a list, boxes to tick): its own words when nothing is chosen. */
    FormFields choice(String name, String label, String missing) {
        return with(new Field(name, label, missing));
    }

    /** Where a problem that is no single field's is linked to: a button, for a form without fields. */
    FormFields anchor(String id) {
        return new FormFields(prefix, fields, id);
    }

    /** The same fields for one row of a table: {@code row-name} as ids. */
    FormFields forRow(String row) {
        return new FormFields(row, fields, anchor);
    }

    FormCheck check() {
        return new FormCheck(this);
    }

    String id(String name) {
        return prefix.isEmpty() ? name : prefix + "-" + name;
    }

    /** The id a problem of the whole form is linked to: its first field, or its anchor. */
    String anchor() {
        if (anchor != null) {
            return anchor;
        }
        return fields.isEmpty() ? prefix : id(fields.get(0).name());
    }

    Optional<Field> field(String name) {
        return fields.stream().filter(field -> field.name().equals(name)).findFirst();
    }

    List<Field> fields() {
        return fields;
    }

    /** Where the input with this id is in the form: problems are listed in the order of the fields. */
    int position(String id) {
        for (int i = 0; i < fields.size(); i++) {
            if (id(fields.get(i).name()).equals(id)) {
                return i;
            }
        }
        return fields.size();
    }

    /** "Date of birth" as in the middle of a sentence: "date of birth"; "IPS team" stays as it is. */
    static String lowerFirst(String label) {
        if (label.length() > 1 && Character.isUpperCase(label.charAt(1))) {
            return label;
        }
        return label.substring(0, 1).toLowerCase(Locale.ROOT) + label.substring(1);
    }

    private FormFields with(Field field) {
        List<Field> more = new ArrayList<>(fields);
        more.add(field);
        return new FormFields(prefix, more, anchor);
    }
}
