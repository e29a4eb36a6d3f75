package nl.ipsexchange.kernel.consent;

/** Whether a consent rule allows sharing or explicitly forbids it. */
public enum ConsentEffect {
    /** The client agrees to share. */
    PERMIT,
    /** The client explicitly refuses to share (e.g. "everything but my diagnosis"). */
    DENY
}
