package nl.ipsexchange.platform.messaging.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.Arrays;
import java.util.List;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.assertj.core.api.ThrowableAssert;
import org.junit.jupiter.api.Test;

import nl.ipsexchange.kernel.Agency;
import nl.ipsexchange.platform.messaging.signing.RefusedMessageException.Reason;

/** Signing and verifying one message: what is signed is exactly the topic and the bytes sent. */
class MessageVerifierTest {

    private static final String INBOX = "ips.benefits.inbox";
    private static final byte[] VALUE = "{\"eventId\":\"e1\",\"sourceAgency\":\"MENTAL_HEALTH\"}"
            .getBytes(StandardCharsets.UTF_8);

    private final MessageVerifier verifier = TestKeys.verifier();
    private final MessageSigner mentalHealth = TestKeys.signer(Agency.MENTAL_HEALTH);

    @Test
    void aMessageSignedByItsSourceIsVerifiedAsComingFromThatAgency() {
        MessageVerifier.Verified verified = verifier.verify(INBOX, VALUE, mentalHealth.sign(INBOX, VALUE));

        assertThat(verified.signer()).isEqualTo("MENTAL_HEALTH");
        assertThat(verified.signature().keyId()).isEqualTo("test-mental-health");
        assertThat(verified.requireSigner("MENTAL_HEALTH")).isSameAs(verified);
    }

    @Test
    void aValueChangedByOneByteAfterSigningIsRefused() {
        MessageSignature signature = mentalHealth.sign(INBOX, VALUE);
        byte[] tampered = Arrays.copyOf(VALUE, VALUE.length);
        tampered[tampered.length - 3] = 'X';

        assertRefused(() -> verifier.verify(INBOX, tampered, signature), Reason.BAD_SIGNATURE);
    }

    @Test
    void theSameSignedBytesReplayedOnAnotherTopicAreRefused() {
        MessageSignature signature = mentalHealth.sign(INBOX, VALUE);

        assertRefused(() -> verifier.verify("ips.municipality.inbox", VALUE, signature), Reason.BAD_SIGNATURE);
    }

    @Test
    void aSignatureMadeWithAnotherKeyThanTheOneItNamesIsRefused() {
        KeyPair stranger = TestKeys.generate();
        MessageSignature forged = new MessageSigner("test-mental-health", "MENTAL_HEALTH", stranger.getPrivate())
                .sign(INBOX, VALUE);

        assertRefused(() -> verifier.verify(INBOX, VALUE, forged), Reason.BAD_SIGNATURE);
    }

    @Test
    void aSignatureOfAKeyIdNoOneConfiguredIsRefused() {
        MessageSignature unknown = new MessageSigner("attacker-1", "MENTAL_HEALTH", TestKeys.generate().getPrivate())
                .sign(INBOX, VALUE);

        assertRefused(() -> verifier.verify(INBOX, VALUE, unknown), Reason.UNKNOWN_KEY);
    }

    @Test
    void anUnsignedMessageIsRefused() {
        assertRefused(() -> verifier.verify(INBOX, VALUE, null), Reason.UNSIGNED);
        assertThat(MessageSignature.of(new RecordHeaders())).isEmpty();
    }

    @Test
    void aGenuineSignatureOfOneAgencyOnAMessageClaimingAnotherIsRefused() {
        MessageVerifier.Verified benefits = verifier.verify(INBOX, VALUE,
                TestKeys.signer(Agency.BENEFITS).sign(INBOX, VALUE));

        assertThatThrownBy(() -> benefits.requireSigner("MENTAL_HEALTH"))
                .isInstanceOfSatisfying(RefusedMessageException.class,
                        refused -> assertThat(refused.reason()).isEqualTo(Reason.SIGNER_IS_NOT_SOURCE))
                .hasMessage("signed by BENEFITS (key test-benefits) but claims to come from MENTAL_HEALTH");
    }

    @Test
    void aSignatureOfTheWrongLengthIsRefusedAsABadSignatureNotAnError() {
        MessageSignature truncated = new MessageSignature("test-mental-health", new byte[12]);

        assertRefused(() -> verifier.verify(INBOX, VALUE, truncated), Reason.BAD_SIGNATURE);
    }

    @Test
    void whileAnAgencysOldAndNewKeysAreBothTrustedMessagesSignedWithEitherAreAccepted() {
        KeyPair next = TestKeys.generate();
        MessageVerifier rotating = TestKeys.verifier(
                new MessageVerifier.TrustedKey("test-benefits-next", "BENEFITS", next.getPublic()));
        MessageSigner old = TestKeys.signer(Agency.BENEFITS);
        MessageSigner renewed = new MessageSigner("test-benefits-next", "BENEFITS", next.getPrivate());

        assertThat(List.of(rotating.verify(INBOX, VALUE, old.sign(INBOX, VALUE)),
                rotating.verify(INBOX, VALUE, renewed.sign(INBOX, VALUE))))
                .extracting(MessageVerifier.Verified::signer).containsExactly("BENEFITS", "BENEFITS");
        assertRefused(() -> verifier.verify(INBOX, VALUE, renewed.sign(INBOX, VALUE)), Reason.UNKNOWN_KEY);
    }

    @Test
    void theSignatureTravelsInTheRecordsHeadersAndAKeyIdNoKeyCouldHaveIsNotRepeated() {
        RecordHeaders headers = new RecordHeaders();
        MessageSignature signature = mentalHealth.sign(INBOX, VALUE);
        signature.addTo(headers);

        MessageSignature read = MessageSignature.of(headers).orElseThrow();
        assertThat(read.keyId()).isEqualTo("test-mental-health");
        assertThat(read.signature()).isEqualTo(signature.signature()).hasSize(64);
        assertThat(new MessageSignature("line\nbreak <script>", new byte[64]).printableKeyId())
                .isEqualTo("(unreadable key id)");
    }

    private static void assertRefused(ThrowableAssert.ThrowingCallable verification,
                                      Reason reason) {
        assertThatThrownBy(verification).isInstanceOfSatisfying(RefusedMessageException.class,
                refused -> assertThat(refused.reason()).isEqualTo(reason));
    }
}
