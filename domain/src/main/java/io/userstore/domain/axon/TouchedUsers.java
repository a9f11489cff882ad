package io.userstore.domain.axon;

import io.userstore.domain.tx.Transactions;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;

import java.util.List;
import java.util.function.BiFunction;

/**
 * Tells the current transaction which users it appends events for (an Axon dispatch interceptor
 * on the event bus), so that its commit hooks can bring their rows up to date.
 */
final class TouchedUsers implements MessageDispatchInterceptor<EventMessage<?>> {

    private final Transactions transactions;

    TouchedUsers(Transactions transactions) {
        this.transactions = transactions;
    }

    @Override
    public BiFunction<Integer, EventMessage<?>, EventMessage<?>> handle(List<? extends EventMessage<?>> messages) {
        transactions.current().ifPresent(transaction -> {
            for (EventMessage<?> message : messages) {
                if (message instanceof DomainEventMessage<?> event
                        && transaction.touch(Long.parseLong(event.getAggregateIdentifier()))) {
                    transactions.beforeAppending();
                }
            }
        });
        return (index, message) -> message;
    }
}
