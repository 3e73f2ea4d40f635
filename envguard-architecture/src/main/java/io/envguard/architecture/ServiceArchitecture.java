package io.envguard.architecture;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.EvaluationResult;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The rules that keep the services apart, checked by each service's {@code ArchitectureTest} over its own classes
 * (tests aside) and envguard-contract's: {@code ServiceArchitecture.check("io.envguard.authz")}.
 */
public final class ServiceArchitecture {

    private static final String CONTRACT = "io.envguard.contract..";
    private static final String EDGE = "io.envguard.edge..";

    private ServiceArchitecture() {
    }

    /** Fails with every broken rule's report when the service's classes, or the contract's, break one. */
    public static void check(String servicePackage) {
        check(servicePackage, Stream.of(ONLY_THE_CONTRACT_AND_THE_EDGE_CROSS_SERVICE_LINES,
                THE_CONTRACT_DEPENDS_ON_NOTHING_OF_QUARKUS, RESOURCES_DO_NOT_TOUCH_PERSISTENCE_DIRECTLY));
    }

    /**
     * Fails with the report of every cycle between the service's packages. Each service's {@code ArchitectureTest}
     * calls it beside {@link #check}, as a test of its own, so that a cycle is reported apart from the other rules.
     */
    public static void checkNoPackageCycles(String servicePackage) {
        check(servicePackage, Stream.of(noPackageCyclesInside(servicePackage)));
    }

    private static void check(String servicePackage, Stream<ArchRule> rules) {
        JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(servicePackage, "io.envguard.contract");
        List<String> broken = rules
                .map(rule -> rule.evaluate(classes))
                .filter(EvaluationResult::hasViolation)
                .map(result -> result.getFailureReport().toString())
                .toList();
        if (!broken.isEmpty()) {
            throw new AssertionError(String.join("\n", broken));
        }
    }

    /** A service reaches another only over the wire: of Envguard's code, only the contract and the edge are shared. */
    public static final ArchRule ONLY_THE_CONTRACT_AND_THE_EDGE_CROSS_SERVICE_LINES = classes()
            .that().resideInAPackage("io.envguard..").and().resideOutsideOfPackages(CONTRACT, EDGE)
            .should(new ArchCondition<JavaClass>("depend on no class of another service") {
                @Override
                public void check(JavaClass origin, ConditionEvents events) {
                    String own = serviceOf(origin);
                    for (Dependency dependency : origin.getDirectDependenciesFromSelf()) {
                        String other = serviceOf(dependency.getTargetClass());
                        if (other != null && !other.equals(own)) {
                            events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()));
                        }
                    }
                }
            })
            .because("services share only envguard-contract (events, internal API, decision) and envguard-edge");

    /**
     * The decision and the published events are plain Java: whatever decides or reads them (a check, a listing, an
     * outside consumer) needs neither Quarkus nor a database.
     */
    public static final ArchRule THE_CONTRACT_DEPENDS_ON_NOTHING_OF_QUARKUS = classes()
            .that().resideInAPackage(CONTRACT)
            .should().onlyDependOnClassesThat().resideInAnyPackage("java..", CONTRACT, "com.fasterxml.jackson..");

    /** Resources validate and delegate; reading and writing rows is their services' and repositories' work. */
    public static final ArchRule RESOURCES_DO_NOT_TOUCH_PERSISTENCE_DIRECTLY = noClasses()
            .that().areAnnotatedWith("jakarta.ws.rs.Path")
            .should().dependOnClassesThat(resideInAnyPackage("java.sql..", "javax.sql..", "io.agroal..",
                    "io.vertx.sqlclient..", "io.vertx.mutiny.sqlclient..", "io.vertx.pgclient..",
                    "io.vertx.mutiny.pgclient..", "org.hibernate..", "io.quarkus.hibernate..", "jakarta.persistence..")
                    .or(assignableTo("io.quarkus.hibernate.reactive.panache.PanacheEntityBase"))
                    .as("are persistence (JDBC, SQL clients, Hibernate, Panache entities)"));

    /**
     * Inside a service, the packages of its features depend on each other one way: a package can be read, tested and
     * moved without the ones that use it ({@code io.envguard.authz.check} and everything under it is one slice).
     */
    public static ArchRule noPackageCyclesInside(String servicePackage) {
        return slices().matching(servicePackage + ".(*)..").should().beFreeOfCycles();
    }

    /** The service a class belongs to ({@code authz} for {@code io.envguard.authz.check}), or null for shared code. */
    private static String serviceOf(JavaClass type) {
        String[] parts = type.getPackageName().split("\\.");
        if (parts.length < 3 || !parts[0].equals("io") || !parts[1].equals("envguard")) {
            return null;
        }
        return Set.of("contract", "edge", "architecture").contains(parts[2]) ? null : parts[2];
    }
}
