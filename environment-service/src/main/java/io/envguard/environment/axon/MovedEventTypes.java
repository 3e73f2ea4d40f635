package io.envguard.environment.axon;

import io.envguard.contract.event.OrganizationEvent;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;

import java.util.function.Function;

/**
 * Reads events stored before their records moved to envguard-contract: Axon stores each event under its class name,
 * and the store is never rewritten, so the old names are renamed as the events are read. Only the name changes: the
 * stored JSON is that of the same records.
 * <p>
 * An upcaster rather than a serializer that resolves old class names: it is Axon's way of evolving stored events, it
 * touches events only (not snapshots, tokens or metadata), and a later change of an event's content is one more step
 * of the same chain.
 */
public final class MovedEventTypes extends SingleEventUpcaster {

    /** Where {@link OrganizationEvent}'s records were stored from, before envguard-contract held them. */
    static final String OLD_PREFIX = "io.envguard.environment.organization.OrganizationEvent$";
    private static final String NEW_PREFIX = OrganizationEvent.class.getName() + "$";

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        return representation.getType().getName().startsWith(OLD_PREFIX);
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        String name = representation.getType().getName();
        return representation.upcastPayload(
                new SimpleSerializedType(NEW_PREFIX + name.substring(OLD_PREFIX.length()),
                        representation.getType().getRevision()),
                byte[].class, Function.identity());
    }
}
