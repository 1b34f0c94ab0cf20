package io.ankor.sample;

import java.util.List;

import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.service.annotation.GetExchange;

/**
 * Availability from Ankor's Website API, as an HTTP interface client of the group
 * "ankor": the starter gives its clients the base URL and the bearer token.
 */
public interface AvailabilityApi {

	@GetExchange("/website/v1/yachts/{id}/availability")
	List<Availability> weeks(@PathVariable String id);

}
