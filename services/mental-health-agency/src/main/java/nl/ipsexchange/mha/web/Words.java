package nl.ipsexchange.mha.web;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;

import nl.ipsexchange.kernel.Agency;
import nl.ipsexchange.kernel.BenefitType;
import nl.ipsexchange.kernel.DataCategory;
import nl.ipsexchange.kernel.Purpose;
import nl.ipsexchange.kernel.funding.PaymentLineStatus;
import nl.ipsexchange.kernel.funding.PaymentType;
import nl.ipsexchange.kernel.sharing.InformationRequestAnsweredEvent.Outcome;
import nl.ipsexchange.kernel.sharing.InformationRequestAnsweredEvent.Reason;

/**
 * The codes the pages show, in plain words instead of as codes ({@code SOCIAL_ASSISTANCE}, {@code [MUNICIPALITY]}):
 * in templates as {@code @mhaWords}.
 */
@Component("mhaWords")
public class Words {

    private static final Pattern CODE = Pattern.compile("\\b[A-Z][A-Z_]*[A-Z]\\b");
    private static final Pattern AFTER_PREPOSITION = Pattern.compile("\\b(with|to|from|at|for) $");
    private static final Pattern LIST = Pattern.compile("\\[([^\\]\\[]*)]");

    public static String agency(Agency agency) {
        if (agency == null) {
            return "–";
        }
        return switch (agency) {
            case MENTAL_HEALTH -> "the mental health agency";
            case BENEFITS -> "the benefits agency";
            case MUNICIPALITY -> "the municipality";
            case INSURER -> "the health insurer";
        };
    }

    public static String benefit(BenefitType benefit) {
        if (benefit == null) {
            return "–";
        }
        return switch (benefit) {
            case SOCIAL_ASSISTANCE -> "social assistance";
            case DISABILITY -> "disability benefit";
            case NONE -> "no benefit";
        };
    }

    public static String category(DataCategory category) {
        return switch (category) {
            case IDENTIFICATION -> "identity";
            case BENEFITS -> "benefit";
            case EMPLOYMENT -> "work and job preferences";
            case HEALTH_SUMMARY -> "health summary";
            case DIAGNOSIS -> "diagnosis";
            case TREATMENT -> "treatment";
        };
    }

    public static String purpose(Purpose purpose) {
        if (purpose == null) {
            return "–";
        }
        return switch (purpose) {
            case FUNDING_DECISION -> "funding decision";
            case CASE_REVIEW -> "case review";
            case BENEFITS_COUNSELLING -> "benefits counselling";
            case JOB_SUPPORT -> "job support";
            case BILLING -> "billing";
        };
    }

    public static String paymentType(PaymentType type) {
        if (type == null) {
            return "not scheduled yet";
        }
        return switch (type) {
            case START -> "start";
            case THREE_MONTHS -> "three months in work";
            case FINAL -> "final";
            case PLACEMENT_BONUS -> "placement bonus";
            case JOB_COACHING -> "job coaching";
            case INTAKE -> "intake";
        };
    }

    public static String paymentStatus(PaymentLineStatus status) {
        return status.name().toLowerCase(Locale.ROOT);
    }

    /**
     * A rule's words with its codes in plain words: "share BENEFITS with BENEFITS for FUNDING_DECISION" as "share
     * benefit with the benefits agency for funding decision"; a list's brackets dropped. A code that names both an
     * agency and a category is the agency after "with", "to", "from", "at" or "for". Other capitals (IPS, FAIR) stay.
     */
    public static String plain(String text) {
        Matcher code = CODE.matcher(text);
        StringBuilder words = new StringBuilder();
        while (code.find()) {
            boolean agencyFirst = AFTER_PREPOSITION.matcher(text.substring(0, code.start())).find();
            code.appendReplacement(words, Matcher.quoteReplacement(word(code.group(), agencyFirst)));
        }
        code.appendTail(words);
        return LIST.matcher(words).replaceAll("$1");
    }

    private static String word(String code, boolean agencyFirst) {
        Optional<Agency> agency = constant(Agency.class, code);
        Optional<DataCategory> category = constant(DataCategory.class, code);
        if (agency.isPresent() && (agencyFirst || category.isEmpty())) {
            return agency(agency.get());
        }
        if (category.isPresent()) {
            return category(category.get());
        }
        Optional<Purpose> purpose = constant(Purpose.class, code);
        if (purpose.isPresent()) {
            return purpose(purpose.get());
        }
        Optional<BenefitType> benefit = constant(BenefitType.class, code);
        if (benefit.isPresent()) {
            return benefit(benefit.get());
        }
        if (constant(Outcome.class, code).isPresent() || constant(Reason.class, code).isPresent()) {
            return code.toLowerCase(Locale.ROOT).replace('_', ' ');
        }
        return code;
    }

    private static <E extends Enum<E>> Optional<E> constant(Class<E> type, String name) {
        return EnumSet.allOf(type).stream().filter(constant -> constant.name().equals(name)).findFirst();
    }

    /** For templates: a text that may hold codes (the service's own note on an answer), in words. */
    public String text(String text) {
        return text == null ? null : plain(text);
    }

    /** Words that begin a sentence: "the benefits agency" as "The benefits agency". */
    public static String capitalised(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    /** Several codes as one phrase: "the municipality, the health insurer". */
    public String agencies(Collection<Agency> agencies) {
        return agencies.stream().sorted().map(Words::agency).collect(Collectors.joining(", "));
    }

    public String categories(Collection<DataCategory> categories) {
        return categories.stream().sorted().map(Words::category).collect(Collectors.joining(", "));
    }

    public String purposes(Collection<Purpose> purposes) {
        return purposes.stream().sorted().map(Words::purpose).collect(Collectors.joining(", "));
    }

    /** For templates: the same words as the static methods. */
    public String of(Object code) {
        return words(code);
    }

    /** Any code these words know, in words; another value as it is. */
    public static String words(Object code) {
        if (code instanceof Agency agency) {
            return agency(agency);
        }
        if (code instanceof BenefitType benefit) {
            return benefit(benefit);
        }
        if (code instanceof DataCategory category) {
            return category(category);
        }
        if (code instanceof Purpose purpose) {
            return purpose(purpose);
        }
        if (code instanceof PaymentType type) {
            return paymentType(type);
        }
        if (code instanceof PaymentLineStatus status) {
            return paymentStatus(status);
        }
        return code == null ? "–" : code.toString();
    }

    public String euro(BigDecimal amount) {
        return TrajectoryHistory.euro(amount);
    }
}
