package id.orqestra.model.tenant;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.util.Set;

/** A role: built-in ({@code builtIn} names which) or custom, with its permissions and how many people hold it. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RoleView(long id, String name, BuiltInRole builtIn, Set<Permission> permissions, int userCount) {
}
