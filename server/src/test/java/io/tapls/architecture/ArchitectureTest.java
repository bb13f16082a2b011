package io.tapls.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaCall;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.properties.HasName;
import com.tngtech.archunit.core.domain.properties.HasOwner;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * docs/architecture.md, enforced over the shipped classes (tests excluded): data flows one way, from text to
 * the protocol and the command line; each layer may use only the layers below it; no package cycle; the
 * protocol library only in lsp/, the command-line library only in cli/.
 */
@AnalyzeClasses(packages = "io.tapls", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
    /** The layers, lowest first: the same list, in the same order, as docs/architecture.md. */
    @ArchTest
    static final ArchRule layers = layeredArchitecture().consideringOnlyDependenciesInLayers()
            .layer("grammar").definedBy("io.tapls.grammar..")
            .layer("base").definedBy("io.tapls.text..", "io.tapls.diag..")
            .layer("traceevents").definedBy("io.tapls.traceevents..")
            .layer("provider").definedBy("io.tapls.provider..")
            .layer("stap").definedBy("io.tapls.stap..")
            .layer("csource").definedBy("io.tapls.csource..")
            .layer("tracetool").definedBy("io.tapls.tracetool..")
            .layer("generate").definedBy("io.tapls.generate..")
            .layer("index").definedBy("io.tapls.index..")
            .layer("semantics").definedBy("io.tapls.semantics..")
            .layer("workspace").definedBy("io.tapls.workspace..")
            .layer("generation").definedBy("io.tapls.generation..")
            .layer("features").definedBy("io.tapls.features..")
            .layer("lsp").definedBy("io.tapls.lsp..")
            .layer("cli").definedBy("io.tapls.cli..")
            .whereLayer("cli").mayNotBeAccessedByAnyLayer()
            .whereLayer("lsp").mayOnlyBeAccessedByLayers("cli")
            .whereLayer("features").mayOnlyBeAccessedByLayers("lsp", "cli")
            .whereLayer("generation").mayOnlyBeAccessedByLayers("features", "lsp", "cli")
            .whereLayer("workspace").mayOnlyBeAccessedByLayers("generation", "features", "lsp", "cli")
            .whereLayer("semantics").mayOnlyBeAccessedByLayers("workspace", "generation", "features", "lsp", "cli")
            .whereLayer("index").mayOnlyBeAccessedByLayers("semantics", "workspace", "generation", "features", "lsp",
                    "cli")
            .whereLayer("generate").mayOnlyBeAccessedByLayers("index", "semantics", "workspace", "generation",
                    "features", "lsp", "cli")
            .whereLayer("csource").mayOnlyBeAccessedByLayers("workspace", "generation", "features", "lsp", "cli")
            .whereLayer("tracetool").mayOnlyBeAccessedByLayers("generate", "index", "semantics", "workspace",
                    "generation", "features", "lsp", "cli")
            .whereLayer("stap").mayOnlyBeAccessedByLayers("tracetool", "generate", "index", "semantics", "workspace",
                    "generation", "features", "lsp", "cli")
            .whereLayer("traceevents").mayOnlyBeAccessedByLayers("stap", "tracetool", "generate", "index",
                    "semantics", "workspace", "generation", "features", "lsp", "cli")
            .whereLayer("provider").mayOnlyBeAccessedByLayers("index", "semantics", "workspace", "generation",
                    "features", "lsp", "cli")
            .whereLayer("base").mayOnlyBeAccessedByLayers("traceevents", "provider", "stap", "tracetool", "generate",
                    "index", "semantics", "workspace", "generation", "features", "lsp", "cli")
            .whereLayer("grammar").mayOnlyBeAccessedByLayers("traceevents", "stap");

    /** No cycle between any two packages (sub-packages count as their own). */
    @ArchTest
    static final ArchRule noCycles = slices().matching("io.tapls.(**)").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule lsp4jOnlyInLsp = noClasses().that().resideOutsideOfPackage("io.tapls.lsp..")
            .should().dependOnClassesThat().resideInAPackage("org.eclipse.lsp4j..")
            .because("the protocol is an edge: features and the engine know nothing of LSP");

    @ArchTest
    static final ArchRule picocliOnlyInCli = noClasses().that().resideOutsideOfPackage("io.tapls.cli..")
            .should().dependOnClassesThat().resideInAPackage("picocli..")
            .because("the command line is an edge: it parses options and renders, nothing else");

    @ArchTest
    static final ArchRule jlineOnlyInTheReporters = noClasses().that().resideOutsideOfPackage("io.tapls.cli.report..")
            .should().dependOnClassesThat().resideInAPackage("org.jline..")
            .because("only wcwidth is shaded into the jar, for the caret under a source line in the gcc format");

    /**
     * The server, and every command but {@code run}, runs no program: not one a workspace's files or settings name
     * (a tapsetBinary, a process("...") probe point), nor stap, gcc or tracetool (FileSafetyIT runs them all with
     * such a workspace). {@code tapls run} starts the stap its user names on the command line, as qemu-trace-stap
     * does; nothing else may start a process, or hand a file to the desktop or a script engine.
     */
    @ArchTest
    static final ArchRule onlyTheRunCommandStartsProcesses = noClasses()
            .that().doNotHaveFullyQualifiedName("io.tapls.cli.RunCommand")
            .should().dependOnClassesThat().haveFullyQualifiedName(ProcessBuilder.class.getName())
            .orShould().dependOnClassesThat().haveFullyQualifiedName("java.awt.Desktop")
            .orShould().dependOnClassesThat().resideInAPackage("javax.script..")
            .orShould().callMethodWhere(JavaCall.Predicates.target(HasName.Predicates.name("exec"))
                    .and(JavaCall.Predicates.target(HasOwner.Predicates.With.owner(
                            JavaClass.Predicates.assignableTo(Runtime.class)))))
            .because("the server must never run what a repository it opens names (issue 9, file safety and trust)");

    @ArchTest
    static final ArchRule antlrOnlyInTheParsers = noClasses()
            .that().resideOutsideOfPackages("io.tapls.grammar..", "io.tapls.traceevents..")
            .should().dependOnClassesThat().resideInAPackage("org.antlr..")
            .because("only the trace-events reader parses with ANTLR; stap's front end is hand-written and the"
                    + " grammar that checks it is test code");
}
