package org.springframework.samples.petclinic.owner;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

/** A Spring Data JPA repository: its implementation is Spring's, behind a generated proxy. */
public interface OwnerRepository extends JpaRepository<Owner, Long> {
  List<Owner> findByLastNameStartingWith(String lastName);
}
