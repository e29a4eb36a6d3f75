package nl.ipsexchange.kernel.audit;

public enum AccessOutcome {
    PERMITTED,
    DENIED
}
