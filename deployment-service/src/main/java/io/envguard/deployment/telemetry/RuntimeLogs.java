package io.envguard.deployment.telemetry;

import io.envguard.deployment.deployment.Chainlet;
import io.envguard.deployment.deployment.Deployment;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Stands in for the runtime's log store: the lines a runtime would have written for a deployment or chainlet, derived
 * from its state so that they are plausible and repeatable, and the query applied to them as Baseten applies it.
 * The lines carry no replica, request id or component, so a query filtering by one finds none.
 */
final class RuntimeLogs {

    private RuntimeLogs() {
    }

    /** One line as written. */
    record Line(Instant at, LogLevel level, String message) {
    }

    /** The lines of a deployment, given the environments it is current in. */
    static List<Line> ofDeployment(Deployment deployment, List<String> serving) {
        List<Line> lines = new ArrayList<>();
        Instant created = deployment.createdAt;
        lines.add(new Line(created, LogLevel.INFO, "deployment " + deployment.name + " created on instance type " + deployment.instanceType));
        lines.add(new Line(created.plusMillis(1), LogLevel.INFO, "deployment " + deployment.name + " is " + deployment.status));
        for (int i = 0; i < serving.size(); i++) {
            lines.add(new Line(created.plusMillis(2 + i), LogLevel.INFO, "serving environment " + serving.get(i)));
        }
        return lines;
    }

    /** The lines of one chainlet of a chain deployment. */
    static List<Line> ofChainlet(Deployment deployment, Chainlet chainlet) {
        Instant created = deployment.createdAt;
        String name = chainlet.key.name();
        return List.of(
                new Line(created, LogLevel.INFO, "chainlet " + name + " of deployment " + deployment.name
                        + " created on instance type " + chainlet.instanceTypeOr(deployment.instanceType)),
                new Line(created.plusMillis(1), LogLevel.INFO, "chainlet " + name + " is " + deployment.status + ", "
                        + chainlet.autoscaling.minReplica() + "–" + chainlet.autoscaling.maxReplica() + " replicas"));
    }

    static Logs query(List<Line> lines, LogQuery.Resolved query) {
        Comparator<Line> order = Comparator.comparing(Line::at);
        List<Logs.Line> found = lines.stream()
                .filter(line -> !query.byReplicaOrRequest())
                .filter(line -> !line.at().isBefore(query.start()) && !line.at().isAfter(query.end()))
                .filter(line -> query.minLevel() == null || line.level().compareTo(query.minLevel()) >= 0)
                .filter(line -> query.pattern() == null || query.pattern().matcher(line.message()).find())
                .filter(line -> query.includes().stream().allMatch(line.message()::contains))
                .filter(line -> query.excludes().stream().noneMatch(line.message()::contains))
                .sorted(query.descending() ? order.reversed() : order)
                .limit(query.limit())
                .map(line -> new Logs.Line(epochNanos(line.at()), line.message(), null, null, line.level()))
                .toList();
        return new Logs(found);
    }

    private static String epochNanos(Instant at) {
        return String.valueOf(at.getEpochSecond() * 1_000_000_000L + at.getNano());
    }
}
