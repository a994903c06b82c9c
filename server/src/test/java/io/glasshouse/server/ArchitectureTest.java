package io.glasshouse.server;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.time.Instant;
import java.time.LocalDateTime;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Pins the rules of DESIGN.md: dependencies point toward rollup; logic reads time from the injected Clock. */
class ArchitectureTest {
  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("io.glasshouse");
  }

  @Test
  void rollupImportsNoOtherModule() {
    noClasses().that().resideInAPackage("io.glasshouse.rollup..")
        .should().dependOnClassesThat().resideInAnyPackage("io.glasshouse.collector..", "io.glasshouse.statuspage..",
            "io.glasshouse.server..")
        .check(classes);
  }

  @Test
  void collectorDependsOnlyOnRollup() {
    noClasses().that().resideInAPackage("io.glasshouse.collector..")
        .should().dependOnClassesThat().resideInAnyPackage("io.glasshouse.statuspage..", "io.glasshouse.server..")
        .check(classes);
  }

  @Test
  void statusPageDoesNotDependOnCollectorOrServer() {
    noClasses().that().resideInAPackage("io.glasshouse.statuspage..")
        .should().dependOnClassesThat().resideInAnyPackage("io.glasshouse.collector..", "io.glasshouse.server..")
        .check(classes);
  }

  @Test
  void alertsDependOnlyOnRollup() {
    noClasses().that().resideInAPackage("io.glasshouse.alerts..")
        .should().dependOnClassesThat().resideInAnyPackage("io.glasshouse.collector..", "io.glasshouse.statuspage..",
            "io.glasshouse.server..")
        .check(classes);
    noClasses().that().resideInAPackage("io.glasshouse.rollup..")
        .should().dependOnClassesThat().resideInAPackage("io.glasshouse.alerts..")
        .check(classes);
  }

  @Test
  void theDemoTalksToTheServerOverHttpOnly() {
    noClasses().that().resideInAPackage("io.glasshouse.demo..")
        .should().dependOnClassesThat().resideInAnyPackage("io.glasshouse.rollup..", "io.glasshouse.collector..",
            "io.glasshouse.statuspage..", "io.glasshouse.alerts..", "io.glasshouse.server..")
        .check(classes);
    noClasses().that().resideInAnyPackage("io.glasshouse.rollup..", "io.glasshouse.collector..",
            "io.glasshouse.statuspage..", "io.glasshouse.alerts..")
        .should().dependOnClassesThat().resideInAPackage("io.glasshouse.demo..")
        .check(classes);
  }

  @Test
  void logicReadsTimeFromTheInjectedClock() {
    noClasses().that().resideInAnyPackage("io.glasshouse.rollup..", "io.glasshouse.collector..",
            "io.glasshouse.statuspage..", "io.glasshouse.alerts..")
        .should().callMethod(System.class, "currentTimeMillis")
        .orShould().callMethod(System.class, "nanoTime")
        .orShould().callMethod(Instant.class, "now")
        .orShould().callMethod(LocalDateTime.class, "now")
        .because("every window, step and timeout reads its time from one injected java.time.Clock")
        .check(classes);
  }
}
