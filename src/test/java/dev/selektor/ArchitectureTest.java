package dev.selektor;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Domain code stays free of AWS, Kafka and HTTP types; only adapters (repositories, publishers, resources, body writers, storage) touch them. */
class ArchitectureTest {
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.selektor");

    @Test
    void onlyDynamoAndSqsAdaptersStorageAndMessagingUseTheAwsSdk() {
        noClasses().that().haveSimpleNameNotStartingWith("Dynamo")
                .and().haveSimpleNameNotStartingWith("Sqs")
                .and().resideOutsideOfPackages("dev.selektor.storage..", "dev.selektor.messaging..")
                .should().dependOnClassesThat().resideInAPackage("software.amazon..")
                .check(CLASSES);
    }

    @Test
    void onlyResourcesRoutesErrorMappersFiltersAndBodyWritersUseHttpTypes() {
        noClasses().that().haveSimpleNameNotEndingWith("Resource")
                .and().haveSimpleNameNotEndingWith("Mappers")
                .and().haveSimpleNameNotEndingWith("Filter")
                .and().haveSimpleNameNotEndingWith("Writer")
                .and().haveSimpleNameNotEndingWith("Route")
                .should().dependOnClassesThat().resideInAnyPackage("jakarta.ws.rs..", "org.jboss.resteasy..", "io.vertx..",
                        "io.quarkus.vertx.http..")
                .check(CLASSES);
    }

    @Test
    void onlyKafkaAdaptersUseTheKafkaClient() {
        noClasses().that().haveSimpleNameNotStartingWith("Kafka")
                .should().dependOnClassesThat().resideInAPackage("org.apache.kafka..")
                .check(CLASSES);
    }

    @Test
    void decisionsDoNotDependOnStorage() {
        noClasses().that().resideInAnyPackage("dev.selektor.decision..", "dev.selektor.policy..", "dev.selektor.regression..")
                .should().dependOnClassesThat().resideInAPackage("dev.selektor.storage..")
                .check(CLASSES);
    }
}
