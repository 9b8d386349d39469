package org.springframework.samples.petclinic.owner;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** An owner of pets, as in petclinic. */
@Entity
@Table(name = "leash_site_owners")
public class Owner {
  @Id
  @GeneratedValue
  private Long id;
  private String lastName;

  protected Owner() {}

  public Owner(String lastName) {
    this.lastName = lastName;
  }

  public Long getId() {
    return id;
  }

  public String getLastName() {
    return lastName;
  }
}
