package dev.leash.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leash.architecture.PublicMembers;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The starter's public API is this list (the driver's own is checked by the driver's
 * {@code dev.leash.architecture.PublicSurfaceTest}): the auto-configuration Spring Boot imports, the
 * failure analyzer {@code spring.factories} names, and the Actuator endpoint with the records of its JSON.
 * Adding or removing a public type is a decision; it fails here until this list says so.
 *
 * <p>So are their members: {@value #MEMBERS} (a resource beside this class) lists every public or protected
 * constructor, method and field these types declare, one {@code Type: signature} line each, written and checked
 * by the driver's {@link PublicMembers} (from the driver's test-jar). A change fails here with the lines that
 * differ; after deciding, run this test with {@code -Dleash.publicMembers.write=true} to rewrite the file, and
 * commit the diff. The endpoint's JSON records are values: no setter and no field that is not final.
 */
class PublicSurfaceTest {

  static final Set<String> PUBLIC_TYPES = Set.of(
      "dev.leash.spring.LeashAutoConfiguration",
      "dev.leash.spring.LeashConfigFailureAnalyzer",
      "dev.leash.spring.LeashEndpoint",
      "dev.leash.spring.LeashEndpoint$Pools",
      "dev.leash.spring.LeashEndpoint$Pool",
      "dev.leash.spring.LeashEndpoint$Holders",
      "dev.leash.spring.LeashEndpoint$Diagnosis");

  static final String MEMBERS = "public-members.txt";

  private static final ClassLoader LOADER = PublicSurfaceTest.class.getClassLoader();

  @Test
  void thePublicTypesAreExactlyTheListedOnes() throws Exception {
    // The starter's classes: a directory in this module's build, the installed jar under spring-boot/boot4.
    Path location = Path.of(LeashAutoConfiguration.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    assertThat(PublicMembers.publicTypes(location, name -> name.startsWith("dev.leash."), LOADER))
        .as("public types of the starter: a change here is an API decision; update PUBLIC_TYPES")
        .containsExactlyInAnyOrderElementsOf(PUBLIC_TYPES);
  }

  @Test
  void thePublicMembersAreExactlyTheListedOnes() throws Exception {
    PublicMembers.assertListed(PublicMembers.of(PUBLIC_TYPES, LOADER), PublicSurfaceTest.class, MEMBERS);
  }

  @Test
  void theEndpointRecordsCannotBeChanged() throws Exception {
    List<String> mutable = new ArrayList<>();
    for (String name : PUBLIC_TYPES) {
      Class<?> type = Class.forName(name, false, LOADER);
      if (type.isRecord()) {
        mutable.addAll(PublicMembers.mutators(type));
      }
    }
    assertThat(mutable).as("the endpoint's records are values: no setters, every field final").isEmpty();
  }
}
