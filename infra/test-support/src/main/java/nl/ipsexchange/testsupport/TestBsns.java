package nl.ipsexchange.testsupport;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Citizen service numbers for tests: valid (the 11-test) and random, so that tests sharing a running mental health
 * agency never register the same number twice.
 */
public final class TestBsns {

    private TestBsns() {
    }

    /** A random valid citizen service number. */
    public static String random() {
        while (true) {
            int[] digits = new int[9];
            int sum = 0;
            for (int i = 0; i < 8; i++) {
                digits[i] = ThreadLocalRandom.current().nextInt(i == 0 ? 1 : 0, 10);
                sum += (9 - i) * digits[i];
            }
            int last = sum % 11;
            if (last < 10) {
                digits[8] = last;
                StringBuilder bsn = new StringBuilder();
                for (int digit : digits) {
                    bsn.append(digit);
                }
                return bsn.toString();
            }
        }
    }
}
