package nl.ipsexchange.platform.messaging;

/**
 * What became of an inbound message that was not refused and did not fail; {@code UNREADABLE}: sealed under a key
 * destroyed since it was sent, recorded as processed without being read (ADR 51).
 */
enum ReceiptOutcome { HANDLED, DUPLICATE, PARKED, AWAITING_KEY, UNREADABLE }
