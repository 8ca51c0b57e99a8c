package dev.selektor.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.lang.ArchRule;

/**
 * The layout's rules, by package and never by class name, so that renaming a class cannot cross a boundary unseen.
 * Each takes the root package, so that its test can also run it against classes written to break it.
 */
final class ArchitectureRules {
    static final String[] HTTP = {
        "jakarta.ws.rs..", "org.jboss.resteasy..", "io.vertx..", "io.quarkus.vertx..", "io.quarkus.resteasy.."
    };
    static final String[] ADAPTERS = {"..web..", "..dynamo..", "..sqs..", "..sns..", "..kafka..", "..opensearch.."};

    private ArchitectureRules() {}

    /** A feature is the first package below the root; no two features depend on each other. */
    static ArchRule noCyclesBetweenFeatures(String root) {
        return slices().matching(root + ".(*)..").should().beFreeOfCycles();
    }

    /** Inside a feature too: the domain does not reach back into its sub-packages, nor they into each other. */
    static ArchRule noCyclesBetweenPackages(String root) {
        return slices().matching(root + ".(**)").should().beFreeOfCycles();
    }

    static ArchRule onlyWebUsesHttpTypes(String root) {
        return noClasses()
                .that()
                .resideInAPackage(root + "..")
                .and()
                .resideOutsideOfPackage("..web..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(HTTP);
    }

    /** The adapters of AWS services; the OpenSearch adapter signs its requests for Amazon OpenSearch Service. */
    static ArchRule onlyAwsAdaptersUseTheAwsSdk(String root) {
        return noClasses()
                .that()
                .resideInAPackage(root + "..")
                .and()
                .resideOutsideOfPackages("..dynamo..", "..sqs..", "..sns..", "..opensearch..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("software.amazon..");
    }

    static ArchRule onlyKafkaAdaptersUseTheKafkaClient(String root) {
        return noClasses()
                .that()
                .resideInAPackage(root + "..")
                .and()
                .resideOutsideOfPackage("..kafka..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("org.apache.kafka..");
    }

    /** The OpenSearch client and its HTTP transport stay in the customer index's adapter. */
    static ArchRule onlyOpenSearchAdaptersUseTheOpenSearchClient(String root) {
        return noClasses()
                .that()
                .resideInAPackage(root + "..")
                .and()
                .resideOutsideOfPackage("..opensearch..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.opensearch..", "org.apache.hc..");
    }

    /** The DMN engine stays behind the decision model; the policy engine's DRL adapter is the one other user. */
    static ArchRule onlyDecisionModelUsesTheKieEngine(String root) {
        return noClasses()
                .that()
                .resideInAPackage(root + "..")
                .and()
                .resideOutsideOfPackages(root + ".decision.model..", root + ".policy.drl..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.kie..", "org.drools..");
    }

    /** A feature's domain and application service know its adapters only through the ports they implement. */
    static ArchRule domainDoesNotDependOnAdapters(String root) {
        return noClasses()
                .that()
                .resideInAPackage(root + "..")
                .and()
                .resideOutsideOfPackages(ADAPTERS)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(ADAPTERS);
    }
}
