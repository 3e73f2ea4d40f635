import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Gives the local broker the ACLs of a file in the format of tools/kafka-broker/acls.txt, connecting as the admin super
 * user, or with {@code --remove} takes them back. Run by bin/platform (Java's single-file launch, on the broker's own
 * jars) once the broker is up, and by bench/scale.sh for its extra replica's group; giving an ACL that exists is a no-op.
 * <p>
 * {@code java -cp '<broker lib>/*' KafkaAcls.java [--remove] <acls file> <admin client properties>}
 */
public final class KafkaAcls {

    private static final Pattern LINE = Pattern.compile("(\\S+) (allow|deny) (\\w+):(\\S+)\\((literal|prefix)\\) (\\w+)");

    public static void main(String[] args) throws Exception {
        boolean remove = args[0].equals("--remove");
        String aclFile = args[remove ? 1 : 0];
        String adminFile = args[remove ? 2 : 1];
        List<AclBinding> bindings = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of(aclFile))) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            Matcher acl = LINE.matcher(line.strip());
            if (!acl.matches()) {
                throw new IllegalArgumentException("not an ACL line: " + line);
            }
            ResourcePattern resource = new ResourcePattern(ResourceType.fromString(acl.group(3)), acl.group(4),
                    "prefix".equals(acl.group(5)) ? PatternType.PREFIXED : PatternType.LITERAL);
            bindings.add(new AclBinding(resource, new AccessControlEntry("User:" + acl.group(1), "*",
                    AclOperation.fromString(acl.group(6)), AclPermissionType.fromString(acl.group(2)))));
        }
        Properties admin = new Properties();
        try (Reader reader = Files.newBufferedReader(Path.of(adminFile))) {
            admin.load(reader);
        }
        try (Admin client = Admin.create(admin)) {
            if (remove) {
                client.deleteAcls(bindings.stream().map(AclBinding::toFilter).toList()).all().get(60, TimeUnit.SECONDS);
            } else {
                client.createAcls(bindings).all().get(60, TimeUnit.SECONDS);
            }
        }
        System.out.printf(Locale.ROOT, "%d ACLs %s%n", bindings.size(), remove ? "removed" : "given");
    }
}
