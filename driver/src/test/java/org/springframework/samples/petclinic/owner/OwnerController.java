package org.springframework.samples.petclinic.owner;

import java.util.List;
import java.util.stream.Collectors;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The web controller: each handler calls the repository on one line, which tests assert. */
@RestController
public class OwnerController {
  /** Line of the repository call in {@link #find(String)}. */
  public static final int FIND_LINE = 26;
  /** Line of the repository call in {@link #add(String)}. */
  public static final int ADD_LINE = 32;

  private final OwnerRepository owners;

  public OwnerController(OwnerRepository owners) {
    this.owners = owners;
  }

  @GetMapping("/owners")
  public String find(@RequestParam("lastName") String lastName) {
    List<Owner> found = owners.findByLastNameStartingWith(lastName);
    return found.stream().map(Owner::getLastName).collect(Collectors.joining(","));
  }

  @PostMapping("/owners")
  public String add(@RequestParam("lastName") String lastName) {
    return owners.save(new Owner(lastName)).getLastName();
  }
}
