package io.userstore.domain.store;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiFunction;

/**
 * Records which users the current transaction appends events for (an Axon dispatch
 * interceptor on the event bus) and hands them to the {@link CommitHook}s before it commits.
 */
final class TouchedUsers implements MessageDispatchInterceptor<EventMessage<?>>, JdbcTransactionManager.Listener {

    private final ThreadLocal<Set<Long>> touched = ThreadLocal.withInitial(LinkedHashSet::new);
    private final List<CommitHook> hooks = new CopyOnWriteArrayList<>();

    void add(CommitHook hook) {
        hooks.add(hook);
    }

    @Override
    public BiFunction<Integer, EventMessage<?>, EventMessage<?>> handle(List<? extends EventMessage<?>> messages) {
        for (EventMessage<?> message : messages) {
            if (message instanceof DomainEventMessage<?> event) {
                touched.get().add(Long.parseLong(event.getAggregateIdentifier()));
            }
        }
        return (index, message) -> message;
    }

    @Override
    public void beforeCommit() {
        Set<Long> users = touched.get();
        if (users.isEmpty()) {
            return;
        }
        Set<Long> snapshot = Set.copyOf(users);
        for (CommitHook hook : hooks) {
            hook.beforeCommit(snapshot);
        }
    }

    @Override
    public void committed() {
        touched.remove();
    }

    @Override
    public void rolledBack() {
        touched.remove();
    }
}
