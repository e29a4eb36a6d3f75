package nl.ipsexchange.mha.web;

import java.util.Collection;
import java.util.List;

/** One option of a form's list or boxes: the value the form sends and the words it shows. */
record Option(String value, String words) {

    /** Codes as options, each in its plain words. */
    static List<Option> of(Collection<? extends Enum<?>> codes) {
        return codes.stream().map(code -> new Option(code.name(), Words.words(code))).toList();
    }
}
