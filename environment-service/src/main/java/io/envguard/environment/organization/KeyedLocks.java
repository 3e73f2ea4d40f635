package io.envguard.environment.organization;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * One fair lock per key (an organisation), held only while someone uses it: a key nobody holds or waits for has no
 * entry, so the map stays as small as the number of organisations busy at once. Fair, so that waiters are served in
 * the order they came and none waits behind a stream of later arrivals.
 */
final class KeyedLocks {

    private static final class Entry {
        final ReentrantLock lock = new ReentrantLock(true);
        int users;
    }

    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();

    <T> T withLock(String key, Supplier<T> work) {
        Entry entry = entries.compute(key, (k, existing) -> {
            Entry e = existing == null ? new Entry() : existing;
            e.users++;
            return e;
        });
        entry.lock.lock();
        try {
            return work.get();
        } finally {
            entry.lock.unlock();
            entries.computeIfPresent(key, (k, e) -> --e.users == 0 ? null : e);
        }
    }

    /** Keys held or waited for now. */
    int size() {
        return entries.size();
    }
}
