package io.ankor.sample;

import java.math.BigDecimal;

/**
 * A yacht as the Website API describes it.
 *
 * @param id the yacht's id
 * @param name its name
 * @param type for example "Sailing catamaran"
 * @param lengthMeters length overall
 * @param cabins number of cabins
 * @param guests maximum number of guests
 * @param homePort home port
 * @param weeklyPriceEur price of a week's charter, in euros
 */
public record Yacht(String id, String name, String type, BigDecimal lengthMeters, int cabins, int guests,
		String homePort, int weeklyPriceEur) {

}
