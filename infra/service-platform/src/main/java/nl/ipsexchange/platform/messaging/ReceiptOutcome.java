package nl.ipsexchange.platform.messaging;

/** What became of an inbound message that was not refused and did not fail. */
enum ReceiptOutcome { HANDLED, DUPLICATE, PARKED, AWAITING_KEY }
