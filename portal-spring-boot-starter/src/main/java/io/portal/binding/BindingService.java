package io.portal.binding;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.Supplier;

import io.portal.audit.AuditLog;
import io.portal.store.ChangeTransaction;

import org.springframework.context.ApplicationEventPublisher;

/**
 * Every binding, configured or added at runtime, in one model: lists them with where each
 * value comes from, previews a change as a plan, and applies it live.
 * <p>
 * A change is one {@link ChangeTransaction}: the listener changes first, then the store
 * and the audit entry are written; if any step fails, the listener change is undone and
 * nothing is stored. Changes to a configured binding are stored as an override of the
 * fields that differ from the configuration. Changes are serialized until they commit;
 * a {@link BindingChangedEvent} is published for each once it has committed.
 */
public class BindingService {

    private static final long LOCK_TIMEOUT_SECONDS = 30;

    private final BindingEntries entries;

    private final BindingPlanner planner;

    private final Listeners listeners;

    private final ChangeTransaction transactions;

    private final AuditLog audit;

    private final Clock clock;

    private final ReentrantLock lock = new ReentrantLock();

    private final ApplicationEventPublisher events;

    BindingService(BindingEntries entries, BindingPlanner planner, Listeners listeners, ChangeTransaction transactions,
            AuditLog audit, Clock clock, ApplicationEventPublisher events) {
        this.events = events;
        this.entries = entries;
        this.planner = planner;
        this.listeners = listeners;
        this.transactions = transactions;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * The bindings that are enabled, from configuration (with their overrides) and added
     * at runtime, sorted by name.
     * @return the bindings
     */
    public List<Binding> bindings() {
        return this.entries.all(false).stream().filter(BindingEntry::enabled).map(BindingEntry::binding).toList();
    }

    /**
     * Every binding, enabled or not, with where its values come from, sorted by name.
     * @return the entries
     */
    public List<BindingEntry> entries() {
        return this.entries.all(true);
    }

    public Optional<BindingEntry> entry(String name) {
        return this.entries.find(name, true);
    }

    public BindingEntry requireEntry(String name) {
        return entry(name).orElseThrow(() -> new BindingNotFoundException(name));
    }

    public Optional<Binding> find(String name) {
        return this.entries.find(name, false).map(BindingEntry::binding);
    }

    /**
     * A binding by name, enabled or not.
     * @param name the name
     * @return the binding (for a disabled one, what it would be)
     * @throws BindingNotFoundException if there is none
     */
    public Binding get(String name) {
        return find(name).orElseThrow(() -> new BindingNotFoundException(name));
    }

    /**
     * Describe what a change would do, checking it as the real change would, without
     * changing anything.
     * @param change the change
     * @param apiBase the API's base URL, for the script
     * @return the plan
     */
    public BindingPlan preview(BindingChange change, String apiBase) {
        return this.planner.plan(change, this.entries.all(false), Set.of()).plan();
    }

    /**
     * Describe what a change would do when some certificates it uses do not exist yet but
     * will be created first (as the bindings wizard does with a new self-signed
     * certificate).
     * @param change the change
     * @param apiBase the API's base URL, for the script
     * @param pendingBundles SSL bundles to treat as existing and loadable
     * @return the plan
     */
    public BindingPlan preview(BindingChange change, String apiBase, Set<String> pendingBundles) {
        return this.planner.plan(change, this.entries.all(false), pendingBundles).plan();
    }

    /**
     * Apply a change, all or nothing.
     * @param change the change
     * @param actor who asked for it, for the audit log
     * @param apiBase the API's base URL, for the script in the returned plan
     * @return the plan that was carried out
     */
    public BindingPlan apply(BindingChange change, String actor, String apiBase) {
        return apply(change.name(), (current) -> change, actor, apiBase);
    }

    /**
     * Apply a change worked out from the binding as it is when the change has its turn
     * (changes are serialized), all or nothing: for {@code If-Match} (no one changed it in
     * between) and for changes relative to the current state, such as a merge patch.
     * @param name the binding's name
     * @param changeFor the change for the binding as it is (empty if there is none of that
     * name), or throws to refuse
     * @param actor who asked for it, for the audit log
     * @param apiBase the API's base URL, for the script in the returned plan
     * @return the plan that was carried out
     */
    public BindingPlan apply(String name, Function<Optional<BindingEntry>, BindingChange> changeFor, String actor,
            String apiBase) {
        return serialized(() -> this.transactions.run(() -> {
            Optional<BindingEntry> before = this.entries.find(name, false);
            BindingChange change = changeFor.apply(before);
            if (!change.name().equals(name)) {
                throw new IllegalArgumentException("A change of binding '" + change.name() + "' asked for '" + name + "'");
            }
            BindingPlanner.Planned planned = this.planner.plan(change, this.entries.all(false), Set.of());
            ListenerSwitch.apply(this.listeners, name, planned.current(), planned.target());
            planned.write().write(actor, this.clock.instant());
            this.audit.record(actor, planned.action(), "binding:" + name, before.map(BindingService::auditState).orElse(null),
                    this.entries.find(name, false).map(BindingService::auditState).orElse(null));
            BindingChangedEvent changed = new BindingChangedEvent(actor, planned.action(), name, planned.current(), planned.target());
            ChangeTransaction.onCommit(() -> this.events.publishEvent(changed));
            return planned.plan();
        }));
    }

    /**
     * Drop the stored override of a binding the configuration no longer declares. Nothing
     * listens for it, so only the store and the audit log change; the binding's name can
     * be declared again without the old override coming back.
     * @param name the binding's name
     * @param actor who asked for it, for the audit log
     * @return whether there was such an override
     */
    public boolean discardUnusedOverride(String name, String actor) {
        return serialized(() -> this.transactions.run(() -> {
            Optional<BindingOverride> unused = this.entries.unusedOverride(name);
            unused.ifPresent((override) -> {
                this.entries.discard(override);
                this.audit.record(actor, "binding.override.discard", "binding:" + name,
                        Map.of("override", override.fields().keySet().stream().map(BindingField::field).toList()), null);
            });
            return unused.isPresent();
        }));
    }

    /**
     * Run a change that depends on which certificates the bindings use, such as deleting
     * a certificate no binding uses, while no binding change can start: in one
     * {@link ChangeTransaction}, holding the lock binding changes take.
     * @param <T> what the change returns
     * @param change the change, which checks what it depends on itself
     * @return what it returned, once committed
     */
    public <T> T whileBindingsUnchanged(Supplier<T> change) {
        return serialized(() -> this.transactions.run(change));
    }

    /**
     * Run a change while no other binding change runs, until it has committed: the lock
     * is taken before the change's transaction starts (so that waiting changes hold no
     * database connection) and released after it ended, or, when the change joins an
     * enclosing one, when that one ends.
     */
    <T> T serialized(Supplier<T> change) {
        try {
            if (!this.lock.tryLock(LOCK_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                throw new BindingConflictException("Another binding change is still being applied.",
                        "Try again in a moment.");
            }
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new BindingConflictException("The binding change was interrupted.", "Try again.");
        }
        boolean enclosed = ChangeTransaction.isActive();
        try {
            return change.get();
        }
        finally {
            if (enclosed) {
                ChangeTransaction.onCompletion(this.lock::unlock);
            }
            else {
                this.lock.unlock();
            }
        }
    }

    /**
     * A binding as the audit log records it: its values, and for a configured binding the
     * fields overridden at runtime.
     */
    private static Map<String, Object> auditState(BindingEntry entry) {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("source", entry.source().name().toLowerCase());
        state.putAll(entry.values().asMap());
        state.put("enabled", entry.enabled());
        if (entry.source() == Binding.Source.CONFIG) {
            state.put("overridden", entry.override().fields().keySet().stream().map(BindingField::field).toList());
        }
        return state;
    }

    static boolean sameListener(Binding a, Binding b) {
        return a.scheme() == b.scheme() && a.port() == b.port() && Objects.equals(normal(a), normal(b));
    }

    private static String normal(Binding binding) {
        return binding.isWildcard() ? null : binding.address();
    }

}
