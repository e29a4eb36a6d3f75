package nl.ipsexchange.funding.layoutfixture.command;

/** A command in a file of its own, breaking the messages' layout on purpose (ArchitectureRulesCatchBreachesTest). */
public record ApproveOnItsOwnCommand(String applicationId) {
}
