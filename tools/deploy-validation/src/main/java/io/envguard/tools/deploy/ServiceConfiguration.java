package io.envguard.tools.deploy;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The environment variables one service reads, derived from its code so that a deployment file cannot set a key that no one
 * reads (a typo is silently ignored by Quarkus): every property of {@code application.properties} and every {@code ${NAME}}
 * it references, every {@code @ConfigProperty(name = ...)} and {@code @ConfigMapping} method of its sources, the settings
 * that the extensions in its pom read without a line in application.properties ({@link #EXTENSION_PROPERTIES}), each in
 * SmallRye Config's environment form; {@code QUARKUS_PROFILE}; and the variables its image's Dockerfile declares
 * ({@code ENV}), which its entrypoint reads.
 */
final class ServiceConfiguration {

    private static final Pattern REFERENCE = Pattern.compile("\\$\\{([^:}]+)");
    private static final Pattern CONFIG_PROPERTY = Pattern.compile("@ConfigProperty\\s*\\(\\s*name\\s*=\\s*\"([^\"]+)\"");
    private static final Pattern CONFIG_MAPPING = Pattern.compile("@ConfigMapping\\s*\\(\\s*prefix\\s*=\\s*\"([^\"]+)\"");
    /** An abstract interface method without parameters: a property of a {@code @ConfigMapping}. */
    private static final Pattern MAPPING_METHOD = Pattern.compile("^\\s+(?!return\\b)[\\w.<>,? \\[\\]]+\\s+(\\w+)\\(\\)\\s*;", Pattern.MULTILINE);
    private static final Pattern DOCKERFILE_ENV = Pattern.compile("^ENV\\s+(.*(?:\\\\\\n.*)*)", Pattern.MULTILINE);
    private static final Pattern ENV_NAME = Pattern.compile("(?:^|\\s)([A-Za-z_][A-Za-z0-9_]*)=");

    /**
     * Settings an extension reads by their standard names, which deployments set from outside (only those: this is not a
     * catalogue of every Quarkus property). Keyed by the artifact of a non-test dependency of the service's pom.
     */
    static final Map<String, List<String>> EXTENSION_PROPERTIES = Map.of(
            "quarkus-smallrye-jwt", List.of("mp.jwt.verify.publickey.location", "mp.jwt.verify.publickey",
                    "mp.jwt.verify.issuer", "mp.jwt.verify.audiences", "mp.jwt.verify.publickey.algorithm"),
            "quarkus-smallrye-jwt-build", List.of("smallrye.jwt.sign.key.location"));

    /** The web console: an nginx image of static files, configured by the variables of its server template. */
    static final String CONSOLE = "console";

    final String service;
    /** A Quarkus service (health on /q/health, the production profile); false for the console. */
    final boolean quarkus;
    final Set<String> keys = new TreeSet<>();

    private ServiceConfiguration(String service, boolean quarkus) {
        this.service = service;
        this.quarkus = quarkus;
    }

    /** A service of the repository: a folder with {@code src/main/resources/application.properties}. */
    static boolean isService(Path root, String name) {
        return Files.isRegularFile(properties(root, name));
    }

    /**
     * The console's variables: each {@code ${NAME}} of docker/nginx/console-server.conf.template (nginx's entrypoint
     * substitutes those from the environment) and its Dockerfile's {@code ENV}.
     */
    static ServiceConfiguration console(Path root) throws IOException {
        ServiceConfiguration config = new ServiceConfiguration(CONSOLE, false);
        Matcher reference = REFERENCE.matcher(Files.readString(root.resolve("docker/nginx/console-server.conf.template")));
        while (reference.find()) {
            config.keys.add(reference.group(1));
        }
        config.addDockerfileEnv(root);
        return config;
    }

    static ServiceConfiguration read(Path root, String service) throws IOException {
        ServiceConfiguration config = new ServiceConfiguration(service, true);
        config.keys.add("QUARKUS_PROFILE");
        String text = Files.readString(properties(root, service));
        Properties properties = new Properties();
        properties.load(new StringReader(text));
        for (String name : properties.stringPropertyNames()) {
            config.addProperty(name.startsWith("%") ? name.substring(name.indexOf('.') + 1) : name);
            config.addProperty(name);
            Matcher reference = REFERENCE.matcher(properties.getProperty(name));
            while (reference.find()) {
                config.addProperty(reference.group(1));
            }
        }
        for (String artifact : mainDependencies(root.resolve(service).resolve("pom.xml"))) {
            EXTENSION_PROPERTIES.getOrDefault(artifact, List.of()).forEach(config::addProperty);
        }
        Path sources = root.resolve(service).resolve("src/main/java");
        if (Files.isDirectory(sources)) {
            try (Stream<Path> files = Files.walk(sources)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    config.addFromSource(Files.readString(file));
                }
            }
        }
        config.addDockerfileEnv(root);
        return config;
    }

    private void addDockerfileEnv(Path root) throws IOException {
        Path dockerfile = root.resolve("docker").resolve(service + ".Dockerfile");
        if (Files.isRegularFile(dockerfile)) {
            Matcher env = DOCKERFILE_ENV.matcher(Files.readString(dockerfile));
            while (env.find()) {
                Matcher name = ENV_NAME.matcher(env.group(1).replaceAll("\"[^\"]*\"", "\"\""));
                while (name.find()) {
                    keys.add(name.group(1));
                }
            }
        }
    }

    /** The artifactIds of the pom's dependencies that are not test-scoped. */
    private static List<String> mainDependencies(Path pom) throws IOException {
        if (!Files.isRegularFile(pom)) {
            return List.of();
        }
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            Document document = factory.newDocumentBuilder().parse(pom.toFile());
            NodeList dependencies = document.getElementsByTagName("dependency");
            List<String> artifacts = new ArrayList<>();
            for (int i = 0; i < dependencies.getLength(); i++) {
                Element dependency = (Element) dependencies.item(i);
                if (!"test".equals(child(dependency, "scope"))) {
                    artifacts.add(child(dependency, "artifactId"));
                }
            }
            return artifacts;
        } catch (ParserConfigurationException | SAXException e) {
            throw new IOException("cannot read " + pom + ": " + e.getMessage(), e);
        }
    }

    private static String child(Element element, String name) {
        NodeList children = element.getElementsByTagName(name);
        return children.getLength() == 0 ? "" : children.item(0).getTextContent().trim();
    }

    private void addFromSource(String source) {
        Matcher property = CONFIG_PROPERTY.matcher(source);
        while (property.find()) {
            addProperty(property.group(1));
        }
        Matcher mapping = CONFIG_MAPPING.matcher(source);
        if (mapping.find() && source.contains("interface ")) {
            String prefix = mapping.group(1);
            Matcher method = MAPPING_METHOD.matcher(source.substring(source.indexOf("interface ")));
            while (method.find()) {
                addProperty(prefix + "." + kebab(method.group(1)));
            }
        }
    }

    private void addProperty(String property) {
        keys.add(environmentName(property));
    }

    boolean reads(String variable) {
        return keys.contains(variable);
    }

    /** SmallRye Config's mapping: every character other than a letter or digit becomes '_', then upper case. */
    static String environmentName(String property) {
        StringBuilder name = new StringBuilder(property.length());
        for (char c : property.toCharArray()) {
            name.append(Character.isLetterOrDigit(c) ? Character.toUpperCase(c) : '_');
        }
        return name.toString();
    }

    /** A {@code @ConfigMapping} method's property name: {@code replicationFactor} → {@code replication-factor}. */
    static String kebab(String method) {
        return method.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase();
    }

    private static Path properties(Path root, String service) {
        return root.resolve(service).resolve("src/main/resources/application.properties");
    }
}
