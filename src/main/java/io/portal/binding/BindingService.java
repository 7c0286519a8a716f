package io.portal.binding;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.springframework.context.ApplicationEventPublisher;

/**
 * Adds, changes and removes bindings at runtime: previews a change as a plan, or applies
 * it live and stores it, all or nothing. Bindings declared in configuration are
 * read-only here. Changes are serialized.
 */
public class BindingService {

    private final List<Binding> configured;

    private final BindingStore store;

    private final Listeners listeners;

    private final Supplier<java.util.Collection<String>> bundleNames;

    private final Consumer<String> certificateCheck;

    private final BindingWarnings warnings;

    private final BindingSteps steps;

    private final ApplicationEventPublisher events;

    private final BindingValidator validator = new BindingValidator();

    public BindingService(List<Binding> configured, BindingStore store, Listeners listeners,
            Supplier<java.util.Collection<String>> bundleNames, Consumer<String> certificateCheck, BindingWarnings warnings,
            BindingSteps steps, ApplicationEventPublisher events) {
        this.configured = List.copyOf(configured);
        this.store = store;
        this.listeners = listeners;
        this.bundleNames = bundleNames;
        this.certificateCheck = certificateCheck;
        this.warnings = warnings;
        this.steps = steps;
        this.events = events;
    }

    /**
     * All bindings, from configuration and from the API, sorted by name.
     * @return the bindings
     */
    public synchronized List<Binding> bindings() {
        List<Binding> all = new ArrayList<>(this.configured);
        all.addAll(this.store.findAll());
        all.sort(Comparator.comparing(Binding::name));
        return all;
    }

    public Optional<Binding> find(String name) {
        return bindings().stream().filter((b) -> b.name().equals(name)).findFirst();
    }

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
    public synchronized BindingPlan preview(BindingChange change, String apiBase) {
        return plan(change, apiBase, Set.of());
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
    public synchronized BindingPlan preview(BindingChange change, String apiBase, Set<String> pendingBundles) {
        return plan(change, apiBase, pendingBundles);
    }

    /**
     * Apply a change: live first, then stored. If either fails, the listeners and the
     * store are left as they were and the exception says why.
     * @param change the change
     * @param actor who asked for it, for the audit log
     * @param apiBase the API's base URL, for the script in the returned plan
     * @return the plan that was carried out
     */
    public synchronized BindingPlan apply(BindingChange change, String actor, String apiBase) {
        BindingPlan plan = plan(change, apiBase, Set.of());
        if (change instanceof BindingChange.Create create) {
            this.listeners.open(create.binding());
            undoOnFailure(() -> this.store.insert(create.binding()), () -> this.listeners.close(create.name()));
            this.events.publishEvent(new BindingChangedEvent(actor, "binding.create", create.name(), null, create.binding()));
        }
        else if (change instanceof BindingChange.Replace replace) {
            Binding current = get(replace.name());
            Binding updated = replace.binding();
            if (sameListener(current, updated)) {
                this.listeners.reconfigure(updated);
                undoOnFailure(() -> this.store.update(updated), () -> this.listeners.reconfigure(current));
            }
            else {
                this.listeners.replace(current, updated);
                undoOnFailure(() -> this.store.update(updated), () -> this.listeners.replace(updated, current));
            }
            this.events.publishEvent(new BindingChangedEvent(actor, "binding.update", replace.name(), current, updated));
        }
        else {
            Binding current = get(change.name());
            this.listeners.close(change.name());
            undoOnFailure(() -> this.store.delete(change.name()), () -> this.listeners.open(current));
            this.events.publishEvent(new BindingChangedEvent(actor, "binding.delete", change.name(), current, null));
        }
        return plan;
    }

    private BindingPlan plan(BindingChange change, String apiBase, Set<String> pending) {
        List<Binding> before = bindings();
        List<Binding> after = new ArrayList<>(before);
        List<BindingPlan.Step> steps;
        String summary;
        if (change instanceof BindingChange.Create create) {
            Binding binding = create.binding();
            if (find(binding.name()).isPresent()) {
                throw new BindingConflictException("A binding named '" + binding.name() + "' already exists.",
                        "Choose another name, or change the existing binding with PUT /api/bindings/" + binding.name() + ".");
            }
            checkCandidate(binding, before, null, pending);
            after.add(binding);
            steps = List.of(this.steps.open(binding));
            summary = "Add " + binding.scheme().id().toUpperCase() + " binding '" + binding.name() + "' on port " + binding.port();
        }
        else if (change instanceof BindingChange.Replace replace) {
            Binding current = writable(replace.name());
            Binding updated = replace.binding();
            if (!updated.name().equals(replace.name())) {
                throw new InvalidBindingException(replace.name(), "name", "cannot be renamed to '" + updated.name() + "'",
                        "Create a binding with the new name and remove this one.");
            }
            checkCandidate(updated, before, current, pending);
            after.replaceAll((b) -> b.name().equals(current.name()) ? updated : b);
            steps = this.steps.change(current, updated);
            summary = steps.isEmpty() ? "No change to binding '" + current.name() + "'" : "Change binding '" + current.name() + "'";
        }
        else {
            Binding current = writable(change.name());
            after.removeIf((b) -> b.name().equals(current.name()));
            steps = List.of(this.steps.close(current));
            summary = "Remove binding '" + current.name() + "'";
        }
        after.sort(Comparator.comparing(Binding::name));
        return new BindingPlan(summary, steps, this.warnings.warningsFor(after), BindingScript.curl(change, before),
                BindingScript.yaml(after), before, List.copyOf(after));
    }

    private Binding writable(String name) {
        Binding current = get(name);
        if (current.source() == Binding.Source.CONFIG) {
            throw new BindingConflictException("Binding '" + name + "' is declared in the configuration and cannot be changed at runtime.",
                    "Edit portal.bindings." + name + " in application.yml or the environment and restart the portal.");
        }
        return current;
    }

    private void checkCandidate(Binding candidate, List<Binding> all, Binding current, Set<String> pending) {
        List<Binding> others = all.stream().filter((b) -> !b.name().equals(candidate.name())).toList();
        Set<String> bundles = new LinkedHashSet<>(this.bundleNames.get());
        bundles.addAll(pending);
        this.validator.validateAgainst(candidate, others, bundles);
        candidate.bundles().stream().filter((bundle) -> !pending.contains(bundle)).forEach(this.certificateCheck);
        if (current == null || !sameListener(current, candidate) && current.port() != candidate.port()) {
            this.listeners.checkCanListen(candidate);
        }
    }

    static boolean sameListener(Binding a, Binding b) {
        return a.scheme() == b.scheme() && a.port() == b.port() && Objects.equals(normal(a), normal(b));
    }

    private static String normal(Binding binding) {
        return binding.isWildcard() ? null : binding.address();
    }

    private static void undoOnFailure(Runnable action, Runnable undo) {
        try {
            action.run();
        }
        catch (RuntimeException ex) {
            try {
                undo.run();
            }
            catch (RuntimeException undoFailure) {
                ex.addSuppressed(undoFailure);
            }
            throw ex;
        }
    }

}
