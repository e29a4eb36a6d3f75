package nl.ipsexchange.mha.web;

import java.util.List;

/**
 * The step before an action that cannot be undone (a GOV.UK habit): a page that says what will happen, with what was
 * entered in words, and a second button that does it; "Cancel" goes back without doing anything. That button posts
 * the same form again with {@code confirmed=yes}; a post without it only shows this page.
 *
 * @param title     the question: "Revoke this consent?"
 * @param back      the page the action belongs to, and where "Cancel" goes
 * @param backLabel that page's name in the breadcrumbs
 * @param client    the client's name and record, or null
 * @param details   what the action is about and what was entered, label by label
 * @param effects   what will happen, sentence by sentence
 * @param hidden    what was entered on the form before, posted again unchanged
 * @param inputs    fields to fill in on this page itself (a reason)
 * @param button    the words of the button that does it
 */
record Confirmation(String title, String back, String backLabel, Link client, List<Detail> details,
                    List<String> effects, String action, List<Hidden> hidden, List<Input> inputs, String button) {

    /** The value the form sends when the user confirms. */
    static final String YES = "yes";

    record Link(String words, String path) {
    }

    record Detail(String label, String words) {
    }

    record Hidden(String name, String value) {
    }

    record Input(String id, String name, String label, String value) {
    }

    static boolean confirmed(String value) {
        return YES.equals(value);
    }
}
