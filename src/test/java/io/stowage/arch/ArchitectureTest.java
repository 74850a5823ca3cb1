package io.stowage.arch;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClass;
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

    /**
     * Only {@code edit} makes edits: the desktop and the command line ask it for one ({@code DesignEdits},
     * {@code FieldEdits}, {@code TaskDefinitionReplace}...) and push what it gives, so every change of a design is a
     * tested, toolkit-free function of the design.
     */
    @ArchTest
    static final ArchRule onlyEditConstructsEdits = noClasses()
            .that().resideOutsideOfPackage("io.stowage.edit..")
            .should().callMethodWhere(DescribedPredicate.describe("Edit.of, Edit.merging or CompositeEdit.of",
                    (JavaAccess<?> call) -> call.getTargetOwner().isAssignableTo(io.stowage.edit.Edit.class)
                            && (call.getName().equals("of") || call.getName().equals("merging"))))
            .orShould().callConstructorWhere(targetOwnerIs(io.stowage.edit.Edit.class))
            .because("docs/architecture.md: edits are made only in edit");

    /**
     * In the desktop, work leaves the JavaFX thread only through {@code ui.common.TaskExecutor}: no thread, executor,
     * common-pool future, timer or JavaFX task or service of its own, so that every job's failure is shown and
     * logged, and every job can be cancelled.
     */
    @ArchTest
    static final ArchRule desktopWorkLeavesTheFxThreadOnlyThroughTheTaskExecutor = noClasses()
            .that().resideInAnyPackage("io.stowage.ui..", "io.stowage.app..")
            .and().doNotHaveFullyQualifiedName("io.stowage.ui.common.TaskExecutor")
            .and(DescribedPredicate.describe("are not nested in TaskExecutor",
                    (JavaClass c) -> !c.getName().startsWith("io.stowage.ui.common.TaskExecutor$")))
            .should().callConstructorWhere(targetOwnerIs(Thread.class, java.util.Timer.class,
                    java.util.concurrent.ForkJoinPool.class, java.util.concurrent.ThreadPoolExecutor.class,
                    java.util.concurrent.ScheduledThreadPoolExecutor.class, javafx.concurrent.Task.class,
                    javafx.concurrent.Service.class, javafx.concurrent.ScheduledService.class))
            .orShould().callMethodWhere(targetOwnerIs(java.util.concurrent.Executors.class,
                    java.util.concurrent.ForkJoinPool.class))
            .orShould().callMethodWhere(DescribedPredicate.describe("CompletableFuture.supplyAsync/runAsync or an"
                    + " ...Async continuation",
                    (JavaAccess<?> call) -> call.getTargetOwner().isAssignableTo(java.util.concurrent.CompletableFuture.class)
                            && call.getName().endsWith("Async")))
            .orShould().callMethodWhere(DescribedPredicate.describe("Thread.start or Thread.ofVirtual",
                    (JavaAccess<?> call) -> call.getTargetOwner().isAssignableTo(Thread.class)
                            && (call.getName().equals("start") || call.getName().startsWith("of")
                            || call.getName().startsWith("startVirtual"))))
            .orShould().beAssignableTo(Thread.class)
            .orShould().beAssignableTo(javafx.concurrent.Task.class)
            .because("docs/architecture.md: the desktop's background work goes through TaskExecutor");

    private static DescribedPredicate<JavaAccess<?>> targetOwnerIs(Class<?>... owners) {
        return DescribedPredicate.describe("target is a " + java.util.Arrays.stream(owners).map(Class::getSimpleName)
                .toList(), (JavaAccess<?> call) -> java.util.Arrays.stream(owners)
                .anyMatch(owner -> call.getTargetOwner().isAssignableTo(owner)));
    }
}
