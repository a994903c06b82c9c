package io.glasshouse.statuspage.subscription;

import java.time.Instant;

/**
 * One failed delivery attempt, as staff see it.
 *
 * @param at when the attempt ended
 * @param event the event's id ({@code incident.<id>…} or {@code component.<id>…})
 * @param attempt 1 for the first attempt
 * @param error what went wrong: {@code HTTP 500}, a timeout, a refused connection, a refused address
 * @param gaveUp true when this was the last attempt and the event is dropped for this subscription
 */
public record DeliveryFailure(Instant at, String event, int attempt, String error, boolean gaveUp) {
}
