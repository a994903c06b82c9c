package io.glasshouse.rollup.status;

import java.util.List;
import java.util.Objects;

/**
 * What a component is, as configured (config file, config API): the thing customers see on the status page.
 *
 * <p>Its status is never typed in: it is derived from the services and SLOs that drive it (see the package
 * documentation), unless a person overrides it. Field names follow Statuspage's vocabulary where one exists.
 *
 * @param id          stable identifier, lower-case letters, digits and dashes; used in URLs and the config API
 * @param name        public name, e.g. {@code "Checkout API"}
 * @param description one line shown under the name; may be empty
 * @param group       name of the group the component is shown in, or empty for none
 * @param position    order within its group, ascending
 * @param isPublic    {@code true} when customers see it; private components appear only on staff pages
 * @param services    services whose live instances drive it (no live instance of one → major outage)
 * @param slos        names of the SLOs whose burn drives it
 */
public record ComponentDefinition(
    String id,
    String name,
    String description,
    String group,
    int position,
    boolean isPublic,
    List<String> services,
    List<String> slos) {

  /** Copies the lists; {@code null} description and group become empty. */
  public ComponentDefinition {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    description = description == null ? "" : description;
    group = group == null ? "" : group;
    services = List.copyOf(services == null ? List.of() : services);
    slos = List.copyOf(slos == null ? List.of() : slos);
  }
}
