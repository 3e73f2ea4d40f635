package io.envguard.cli.environments;

import io.envguard.cli.api.EnvguardApi.Group;
import io.envguard.cli.api.EnvguardApi.GroupUser;
import io.envguard.cli.api.EnvguardApi.ManageAccess;
import io.envguard.cli.output.Table;

import java.util.List;

/** How an environment group reads on a terminal. */
final class GroupViews {

    private GroupViews() {
    }

    static String describe(Group group) {
        return "environment  " + group.name() + "\n"
                + "team         " + group.teamName() + " (" + group.teamId() + ")\n"
                + "restricted   " + (group.manageAccess().restricted() ? "yes" : "no") + "\n"
                + "revision     " + group.revision() + "\n"
                + access(group.manageAccess());
    }

    /** Who may modify it, or that everyone in the team may. */
    static String access(ManageAccess access) {
        if (!access.restricted()) {
            return "\nevery member of the team may change it.\n";
        }
        if (access.users().isEmpty()) {
            return "\nno one may change it.\n";
        }
        Table table = new Table("user id", "name", "email", "via", "expires");
        for (GroupUser user : access.users()) {
            table.row(user.userId(), user.name(), user.email(), user.via(), user.expiresAt());
        }
        return "\nwho may change it:\n" + table.render();
    }

    static String list(List<Group> groups) {
        Table table = new Table("environment", "team", "restricted", "granted", "revision");
        for (Group group : groups) {
            ManageAccess access = group.manageAccess();
            long grants = access.users().stream().filter(u -> "GRANT".equals(u.via())).count();
            table.row(group.name(), group.teamName(), access.restricted() ? "yes" : "no",
                    access.restricted() ? grants : null, group.revision());
        }
        return table.render();
    }

    static List<GroupUser> grants(Group group) {
        return group.manageAccess().users().stream().filter(u -> "GRANT".equals(u.via())).toList();
    }
}
