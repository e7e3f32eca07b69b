package io.wanstudio;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The arrows of the house point one way: pages and API → services → entities and stores; everything → platform.
 * A package cycle or an app class that reaches into the simulator fails the build.
 */
@AnalyzeClasses(packages = "io.wanstudio", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule noPackageCycles = slices().matching("io.wanstudio.(**)").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule theAppNeverUsesTheSimulator = noClasses()
            .that().resideOutsideOfPackage("io.wanstudio.simulator..")
            .should().dependOnClassesThat().resideInAPackage("io.wanstudio.simulator..");

    @ArchTest
    static final ArchRule platformKnowsNoFeature = noClasses()
            .that().resideInAPackage("io.wanstudio.platform..")
            .should().dependOnClassesThat().resideInAnyPackage("io.wanstudio.account..", "io.wanstudio.admin..",
                    "io.wanstudio.api..", "io.wanstudio.board..", "io.wanstudio.budget..", "io.wanstudio.gallery..",
                    "io.wanstudio.generation..",
                    "io.wanstudio.media..", "io.wanstudio.provider..", "io.wanstudio.simulator..",
                    "io.wanstudio.studio..");

    @ArchTest
    static final ArchRule storesAndProviderKnowNoPagesOrApi = noClasses()
            .that().resideInAnyPackage("io.wanstudio.generation..", "io.wanstudio.media..",
                    "io.wanstudio.provider..", "io.wanstudio.account..", "io.wanstudio.budget..", "io.wanstudio.board..")
            .should().dependOnClassesThat().resideInAnyPackage("io.wanstudio.api..", "io.wanstudio.studio..",
                    "io.wanstudio.gallery..", "io.wanstudio.admin..");

    @ArchTest
    static final ArchRule mediaTakesRulesAsParameters = noClasses()
            .that().resideInAPackage("io.wanstudio.media..")
            .should().dependOnClassesThat().resideInAnyPackage("io.wanstudio.provider..",
                    "io.wanstudio.generation..");
}
