package nl.ipsexchange.platform.crypto;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import nl.ipsexchange.kernel.DataCategory;

/**
 * Marks an event whose named fields are personal data of a client (the event's {@code clientId}) received under
 * one category: they enter the event store only encrypted, under the client's key for that category
 * ({@link PersonalDataSerializer}). Once that key is destroyed, the event reads back without those fields (null).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface PersonalData {

    /** The category the fields were received under; its key seals them. */
    DataCategory category();

    /** The names of the personal fields (JSON property names). */
    String[] fields();
}
