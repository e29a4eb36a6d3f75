package nl.ipsexchange.funding;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.EvaluationResult;

import nl.ipsexchange.funding.command.FundingCommands;
import nl.ipsexchange.funding.layoutfixture.command.ApproveOnItsOwnCommand;
import nl.ipsexchange.platform.layoutfixture.PlatformClassThatKnowsFunding;
import nl.ipsexchange.testsupport.ArchitectureRules;

/**
 * The layout rules fail when the layout is broken: a platform class that names funding, and a command in a file of its
 * own, are reported.
 */
class ArchitectureRulesCatchBreachesTest {

    @Test
    void aPlatformClassThatDependsOnFundingBreaksThePlatformRule() {
        JavaClasses broken = new ClassFileImporter().importClasses(PlatformClassThatKnowsFunding.class);

        EvaluationResult result = ArchitectureRules.platformDependsOnNoBusinessContext().evaluate(broken);

        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().getDetails())
                .anyMatch(line -> line.contains(PlatformClassThatKnowsFunding.class.getName())
                        && line.contains(FundingConfiguration.class.getName()));
    }

    @Test
    void aCommandInAFileOfItsOwnBreaksTheMessagesLayout() {
        JavaClasses broken = new ClassFileImporter().importClasses(ApproveOnItsOwnCommand.class,
                FundingCommands.class, FundingCommands.ApproveFundingCommand.class);

        EvaluationResult result = ArchitectureRules.messagesLiveInOneFilePerAggregateAndKind().evaluate(broken);

        assertThat(result.getFailureReport().getDetails()).singleElement().asString()
                .contains(ApproveOnItsOwnCommand.class.getName(), "its own file");
    }
}
