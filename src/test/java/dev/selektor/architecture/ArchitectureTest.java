package dev.selektor.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The service's own classes keep the layout's rules; {@link ArchitectureRulesTest} shows each rule catching a breach. */
class ArchitectureTest {
    private static final String ROOT = "dev.selektor";
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(ROOT);

    @Test
    void featuresDoNotDependOnEachOtherInACircle() {
        ArchitectureRules.noCyclesBetweenFeatures(ROOT).check(CLASSES);
    }

    @Test
    void noPackageDependsOnAnotherInACircle() {
        ArchitectureRules.noCyclesBetweenPackages(ROOT).check(CLASSES);
    }

    @Test
    void onlyWebPackagesUseHttpTypes() {
        ArchitectureRules.onlyWebUsesHttpTypes(ROOT).check(CLASSES);
    }

    @Test
    void onlyAwsAdaptersUseTheAwsSdk() {
        ArchitectureRules.onlyAwsAdaptersUseTheAwsSdk(ROOT).check(CLASSES);
    }

    @Test
    void onlyKafkaAdaptersUseTheKafkaClient() {
        ArchitectureRules.onlyKafkaAdaptersUseTheKafkaClient(ROOT).check(CLASSES);
    }

    @Test
    void onlyOpenSearchAdaptersUseTheOpenSearchClient() {
        ArchitectureRules.onlyOpenSearchAdaptersUseTheOpenSearchClient(ROOT).check(CLASSES);
    }

    @Test
    void onlyTheDecisionModelAndTheDrlAdapterUseTheKieEngine() {
        ArchitectureRules.onlyDecisionModelUsesTheKieEngine(ROOT).check(CLASSES);
    }

    @Test
    void domainCodeDoesNotDependOnAdapters() {
        ArchitectureRules.domainDoesNotDependOnAdapters(ROOT).check(CLASSES);
    }
}
