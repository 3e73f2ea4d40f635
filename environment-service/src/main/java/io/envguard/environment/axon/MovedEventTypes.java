package io.envguard.environment.axon;

import io.envguard.contract.event.EnvironmentEvent;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads events stored under the names their records had before: Axon stores each event under its class name, and the
 * store is never rewritten, so the old names are renamed as the events are read. Only the name changes: the stored
 * JSON is that of the same records.
 * <p>
 * An upcaster rather than a serializer that resolves old class names: it is Axon's way of evolving stored events, it
 * touches events only (not snapshots, tokens or metadata), and a later change of an event's content is one more step
 * of the same chain. Snapshots need no renaming: they hold the aggregate's state, which names no event class.
 */
public final class MovedEventTypes extends SingleEventUpcaster {

    /** Where {@link EnvironmentEvent}'s records were stored from, before envguard-contract held them. */
    static final String IN_ENVIRONMENT_SERVICE = "io.envguard.environment.organization.OrganizationEvent$";
    /** Where they were stored from in envguard-contract, before the interface took the name of the event stream. */
    static final String AS_ORGANIZATION_EVENT = "io.envguard.contract.event.OrganizationEvent$";
    private static final List<String> OLD_PREFIXES = List.of(IN_ENVIRONMENT_SERVICE, AS_ORGANIZATION_EVENT);
    private static final String NEW_PREFIX = EnvironmentEvent.class.getName() + "$";

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        return oldPrefixOf(representation.getType().getName()).isPresent();
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        String name = representation.getType().getName();
        String oldPrefix = oldPrefixOf(name).orElseThrow();
        return representation.upcastPayload(
                new SimpleSerializedType(NEW_PREFIX + name.substring(oldPrefix.length()),
                        representation.getType().getRevision()),
                byte[].class, Function.identity());
    }

    private static Optional<String> oldPrefixOf(String name) {
        return OLD_PREFIXES.stream().filter(name::startsWith).findFirst();
    }
}
