package io.stowage.arch;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** The package rules of docs/architecture.md, on the production classes. */
@AnalyzeClasses(packages = "io.stowage", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule noCyclesBetweenTopLevelPackages = slices().matching("io.stowage.(*)..")
            .should().beFreeOfCycles();

    @ArchTest
    static final ArchRule onlyUiAndAppTouchJavaFx = noClasses()
            .that().resideOutsideOfPackages("io.stowage.ui..", "io.stowage.app..")
            .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.controlsfx..", "com.sun.javafx..");

    @ArchTest
    static final ArchRule onlyEngineLocalTouchesDockerJava = noClasses()
            .that().resideOutsideOfPackage("io.stowage.engine.local..")
            .should().dependOnClassesThat().resideInAnyPackage("com.github.dockerjava..");

    @ArchTest
    static final ArchRule onlyEngineEcsTouchesTheAwsSdk = noClasses()
            .that().resideOutsideOfPackage("io.stowage.engine.ecs..")
            .should().dependOnClassesThat().resideInAnyPackage("software.amazon.awssdk..");

    @ArchTest
    static final ArchRule modelIsPureJdk = classes()
            .that().resideInAPackage("io.stowage.model..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("io.stowage.model..", "java..");

    @ArchTest
    static final ArchRule nothingImportsApp = noClasses()
            .that().resideOutsideOfPackage("io.stowage.app..")
            .should().dependOnClassesThat().resideInAPackage("io.stowage.app..");

    @ArchTest
    static final ArchRule editDependsOnlyOnModel = classes()
            .that().resideInAPackage("io.stowage.edit..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("io.stowage.edit..", "io.stowage.model..", "java..")
            .allowEmptyShould(true);

    @ArchTest
    static final ArchRule engineNeverTouchesUiOrCli = noClasses()
            .that().resideInAPackage("io.stowage.engine..")
            .should().dependOnClassesThat().resideInAnyPackage("io.stowage.ui..", "io.stowage.cli..");

    @ArchTest
    static final ArchRule formatNeverTouchesEnginesUiOrCli = noClasses()
            .that().resideInAPackage("io.stowage.format..")
            .should().dependOnClassesThat().resideInAnyPackage("io.stowage.engine..", "io.stowage.ui..", "io.stowage.cli..");

    @ArchTest
    static final ArchRule onlyLoggingTouchesLogback = noClasses()
            .that().resideOutsideOfPackage("io.stowage.logging..")
            .should().dependOnClassesThat().resideInAnyPackage("ch.qos.logback..");

    @ArchTest
    static final ArchRule loggingDependsOnNothingOfOurs = classes()
            .that().resideInAPackage("io.stowage.logging..")
            .should().onlyDependOnClassesThat().resideOutsideOfPackages("io.stowage.model..", "io.stowage.edit..",
                    "io.stowage.format..", "io.stowage.engine..", "io.stowage.ui..", "io.stowage.cli..", "io.stowage.app..");
}
