package io.ankor.sample;

import java.time.LocalDate;

/**
 * A charter week and whether the yacht is free.
 *
 * @param weekStart the Saturday the week starts
 * @param available whether the yacht can be booked
 * @param priceEur the price of that week, in euros
 */
public record Availability(LocalDate weekStart, boolean available, int priceEur) {

}
