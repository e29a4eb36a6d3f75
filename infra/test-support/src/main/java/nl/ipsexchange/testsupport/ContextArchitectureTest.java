package nl.ipsexchange.testsupport;

import org.junit.jupiter.api.Test;

/**
 * A business context keeps the rules every module keeps, depends only on the platform and the shared kernel, and the
 * platform, with the context beside it on the class path, still depends on none of it (ADR 0039).
 */
public abstract class ContextArchitectureTest extends ModuleArchitectureTest {

    private final String contextPackage;

    protected ContextArchitectureTest(String contextPackage) {
        super(contextPackage);
        this.contextPackage = contextPackage;
    }

    @Test
    void theContextDependsOnlyOnThePlatformAndTheKernel() {
        ArchitectureRules.contextDependsOnlyOnPlatformAndKernel(contextPackage).check(classes);
    }

    @Test
    void thePlatformDependsOnNoBusinessContext() {
        ArchitectureRules.platformDependsOnNoBusinessContext()
                .check(ArchitectureRules.importService("nl.ipsexchange.platform"));
    }
}
