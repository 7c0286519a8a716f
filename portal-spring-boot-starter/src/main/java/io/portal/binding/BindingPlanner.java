package io.portal.binding;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;

import io.portal.binding.Listeners.ListenerState;

/**
 * Checks a binding change against every binding as it is, and works out what it does: the
 * plan (steps, warnings, script), the listener before and after, and what is written to
 * the store. A change to a configured binding becomes an override of the fields that
 * differ from its configuration. Does not change anything; thread-safe.
 */
class BindingPlanner {

    private final BindingStore store;

    private final Listeners listeners;

    private final Supplier<Collection<String>> bundleNames;

    private final Consumer<String> certificateCheck;

    private final BindingWarnings warnings;

    private final BindingSteps steps;

    private final BindingValidator validator = new BindingValidator();

    BindingPlanner(BindingStore store, Listeners listeners, Supplier<Collection<String>> bundleNames,
            Consumer<String> certificateCheck, BindingWarnings warnings, BindingSteps steps) {
        this.store = store;
        this.listeners = listeners;
        this.bundleNames = bundleNames;
        this.certificateCheck = certificateCheck;
        this.warnings = warnings;
        this.steps = steps;
    }

    /**
     * Check a change and work out what it does, without doing it.
     * @param change the change
     * @param entries every binding as it is now
     * @param pending SSL bundles to treat as existing and loadable (created first)
     * @return the planned change
     */
    Planned plan(BindingChange change, List<BindingEntry> entries, Set<String> pending) {
        BindingEntry entry = entries.stream().filter((e) -> e.name().equals(change.name())).findFirst().orElse(null);
        List<Binding> before = entries.stream().filter(BindingEntry::enabled).map(BindingEntry::binding).toList();
        Binding current = (entry != null && entry.enabled()) ? entry.binding() : null;
        Planned planned;
        if (change instanceof BindingChange.Create create) {
            planned = planCreate(create.binding(), entry, before, pending);
        }
        else if (change instanceof BindingChange.Replace replace) {
            planned = planReplace(replace, required(entry, change.name()), current, before, pending);
        }
        else if (change instanceof BindingChange.Delete) {
            planned = planDelete(required(entry, change.name()), current);
        }
        else {
            planned = planReset(required(entry, change.name()), current, before, pending);
        }
        List<Binding> after = new ArrayList<>(before);
        after.removeIf((b) -> b.name().equals(change.name()));
        if (planned.target() != null) {
            after.add(planned.target());
        }
        after.sort(Comparator.comparing(Binding::name));
        BindingPlan plan = new BindingPlan(planned.plan().summary(), planned.plan().steps(), this.warnings.warningsFor(after),
                BindingScript.curl(change, entry), BindingScript.yaml(after), before, List.copyOf(after));
        return new Planned(plan, current, planned.target(), planned.action(), planned.write());
    }

    private Planned planCreate(Binding binding, BindingEntry existing, List<Binding> before, Set<String> pending) {
        if (existing != null) {
            if (existing.source() == Binding.Source.CONFIG && !existing.enabled()) {
                throw new BindingConflictException("A binding named '" + binding.name() + "' is declared in the configuration, "
                        + "disabled.", "Enable it with PATCH /api/bindings/" + binding.name() + " {\"enabled\": true}, "
                                + "or choose another name.");
            }
            throw new BindingConflictException("A binding named '" + binding.name() + "' already exists.",
                    "Choose another name, or change the existing binding with PUT /api/bindings/" + binding.name() + ".");
        }
        Binding candidate = withSource(binding, Binding.Source.RUNTIME);
        checkCandidate(candidate, before, null, pending);
        String summary = "Add " + candidate.scheme().id().toUpperCase() + " binding '" + candidate.name() + "' on port "
                + candidate.port();
        return new Planned(plan(summary, List.of(this.steps.open(candidate))), null, candidate, "binding.create",
                (actor, now) -> this.store.insert(candidate, actor, now));
    }

    private Planned planReplace(BindingChange.Replace replace, BindingEntry entry, Binding current, List<Binding> before,
            Set<String> pending) {
        Binding requested = replace.binding();
        if (!requested.name().equals(replace.name())) {
            throw new InvalidBindingException(replace.name(), "name", "cannot be renamed to '"
                    + InvalidBindingException.shown(requested.name()) + "'", "Create a binding with the new name and remove this one.");
        }
        checkCandidate(withSource(requested, Binding.Source.RUNTIME), before, current, pending);
        List<BindingPlan.Step> steps = (current != null) ? this.steps.change(current, requested) : List.of(this.steps.open(requested));
        if (entry.source() == Binding.Source.RUNTIME) {
            Binding updated = withSource(requested, Binding.Source.RUNTIME);
            String summary = steps.isEmpty() ? "No change to binding '" + entry.name() + "'" : "Change binding '" + entry.name() + "'";
            return new Planned(plan(summary, steps), current, updated, "binding.update",
                    (actor, now) -> this.store.update(updated, actor, now));
        }
        Binding updated = withSource(requested, Binding.Source.CONFIG);
        BindingValues desired = BindingValues.of(updated);
        Set<BindingField> fields = desired.differences(entry.configured()).keySet();
        String summary = (steps.isEmpty() && fields.equals(entry.override().fields().keySet()))
                ? "No change to binding '" + entry.name() + "'"
                : "Change binding '" + entry.name() + "' (" + overrideSummary(fields) + ")";
        return new Planned(plan(summary, steps), current, updated, "binding.override", (actor, now) -> this.store
            .saveOverride(entry.override().next(entry.configured(), desired, actor, now)));
    }

    private Planned planDelete(BindingEntry entry, Binding current) {
        if (entry.source() == Binding.Source.RUNTIME) {
            return new Planned(plan("Remove binding '" + entry.name() + "'", List.of(this.steps.close(entry.binding()))), current,
                    null, "binding.delete", (actor, now) -> this.store.delete(entry.name()));
        }
        if (current == null) {
            throw new BindingConflictException("Binding '" + entry.name() + "' is already disabled.",
                    "Enable it again with DELETE /api/bindings/" + entry.name() + "/override (back to the configuration) "
                            + "or PATCH /api/bindings/" + entry.name() + " {\"enabled\": true}.");
        }
        BindingValues disabled = entry.values().with(BindingField.ENABLED, false);
        return new Planned(plan("Disable binding '" + entry.name() + "' (an override of the configuration; reset it to restore "
                + "the configured binding)", List.of(this.steps.close(current))), current, null, "binding.disable",
                (actor, now) -> this.store.saveOverride(entry.override().next(entry.configured(), disabled, actor, now)));
    }

    private Planned planReset(BindingEntry entry, Binding current, List<Binding> before, Set<String> pending) {
        if (entry.source() == Binding.Source.RUNTIME) {
            throw new BindingConflictException("Binding '" + entry.name() + "' was added at runtime and has no configuration to "
                    + "reset to.", "Change it with PUT or PATCH /api/bindings/" + entry.name() + ", or remove it with DELETE.");
        }
        BindingValues configured = entry.configured();
        Binding target = configured.enabled() ? configured.toBinding(entry.name(), Binding.Source.CONFIG) : null;
        if (target != null) {
            checkCandidate(target, before, current, pending);
        }
        List<BindingPlan.Step> steps = (current == null) ? ((target == null) ? List.of() : List.of(this.steps.open(target)))
                : (target == null) ? List.of(this.steps.close(current)) : this.steps.change(current, target);
        String summary = entry.overridden() ? "Reset binding '" + entry.name() + "' to its configuration"
                : "No change to binding '" + entry.name() + "': it has no override";
        return new Planned(plan(summary, steps), current, target, "binding.reset",
                (actor, now) -> this.store.saveOverride(BindingOverride.none(entry.name())));
    }

    private static String overrideSummary(Set<BindingField> fields) {
        return fields.isEmpty() ? "as configured; no override is kept"
                : "stored as an override of the configuration: " + String.join(", ", fields.stream().map(BindingField::field).toList());
    }

    private static BindingPlan plan(String summary, List<BindingPlan.Step> steps) {
        return new BindingPlan(summary, steps, List.of(), List.of(), null, List.of(), List.of());
    }

    private static BindingEntry required(BindingEntry entry, String name) {
        if (entry == null) {
            throw new BindingNotFoundException(name);
        }
        return entry;
    }

    private static Binding withSource(Binding b, Binding.Source source) {
        return new Binding(b.name(), b.scheme(), b.address(), b.port(), b.sslBundle(), b.sni(), b.protocols(), b.ciphers(),
                b.redirectTo(), source);
    }

    private void checkCandidate(Binding candidate, List<Binding> all, Binding current, Set<String> pending) {
        List<Binding> others = all.stream().filter((b) -> !b.name().equals(candidate.name())).toList();
        Set<String> bundles = new LinkedHashSet<>(this.bundleNames.get());
        bundles.addAll(pending);
        this.validator.validateAgainst(candidate, others, bundles);
        candidate.bundles().stream().filter((bundle) -> !pending.contains(bundle)).forEach(this.certificateCheck);
        boolean running = current != null && this.listeners.state(current.name()).map(ListenerState::running).orElse(false);
        if (!running || !BindingService.sameListener(current, candidate) && current.port() != candidate.port()) {
            this.listeners.checkCanListen(candidate);
        }
    }

    /**
     * A change, checked and planned, with what it does to the listener and the store.
     *
     * @param plan the plan
     * @param current the binding in force before, {@code null} if none
     * @param target the binding in force after, {@code null} if none
     * @param action the audit log's name of the change
     * @param write what the change writes to the store
     */
    record Planned(BindingPlan plan, Binding current, Binding target, String action, StoreWrite write) {
    }

    /**
     * What a change writes to the store.
     */
    @FunctionalInterface
    interface StoreWrite {

        void write(String actor, Instant now);

    }

}
