package io.userstore.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The modules depend one way (shell → projections → domain), the shell uses only what the other
 * two publish, and the projections reach the event log through its owner, never by table name.
 */
class LayeringTest {

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(location -> !location.contains("-tests.jar"))
            .importPackages("io.userstore");
    private static final Pattern DOMAIN_TABLE = Pattern.compile(
            "domain_event_entry|snapshot_event_entry|token_entry|user_registry|userstore.user_id_seq");

    @Test
    void modules_depend_one_way() {
        noClasses().that().resideInAPackage("io.userstore.domain..")
                .should().dependOnClassesThat().resideInAnyPackage("io.userstore.projections..", "io.userstore.shell..")
                .check(MAIN);
        noClasses().that().resideInAPackage("io.userstore.projections..")
                .should().dependOnClassesThat().resideInAPackage("io.userstore.shell..")
                .check(MAIN);
    }

    @Test
    void the_shell_uses_only_what_the_other_modules_publish() {
        noClasses().that().resideInAPackage("io.userstore.shell..")
                .should().dependOnClassesThat().resideInAnyPackage("io.userstore.projections.engine..",
                        "io.userstore.domain.tx..", "io.userstore.domain.axon..", "io.userstore.domain.log..",
                        "io.userstore.domain.server..", "io.userstore.domain.registry..", "io.userstore.domain.crypto..")
                .check(MAIN);
    }

    @Test
    void published_results_do_not_depend_on_the_engine() {
        noClasses().that().resideInAnyPackage("io.userstore.projections.api..", "io.userstore.projections.spec..")
                .should().dependOnClassesThat().resideInAPackage("io.userstore.projections.engine..")
                .check(MAIN);
    }

    @Test
    void the_packages_of_each_module_have_no_cycles() {
        slices().matching("io.userstore.domain.(*)..").should().beFreeOfCycles().check(MAIN);
        slices().matching("io.userstore.projections.(*)..").should().beFreeOfCycles().check(MAIN);
    }

    @Test
    void projections_never_name_a_table_of_the_domain() throws IOException {
        noClasses().that().resideInAPackage("io.userstore.projections..")
                .should().dependOnClassesThat().haveSimpleName("StoreSchema")
                .check(MAIN);
        assertEquals(List.of(), sourcesNaming(DOMAIN_TABLE, Path.of("..", "projections", "src", "main")));
        assertEquals(List.of(), sourcesNaming(DOMAIN_TABLE, Path.of("src", "main")), "nor does the shell");
    }

    private static List<String> sourcesNaming(Pattern pattern, Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).filter(file -> {
                try {
                    return pattern.matcher(Files.readString(file)).find();
                } catch (IOException e) {
                    return true;
                }
            }).map(Path::toString).toList();
        }
    }
}
