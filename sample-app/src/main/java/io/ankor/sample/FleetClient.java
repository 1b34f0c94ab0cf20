package io.ankor.sample;

import java.util.List;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Reads the fleet from Ankor's Website API. The paths are illustrative: adapt them to the
 * API your Ankor account exposes.
 */
@Component
public class FleetClient {

	private final WebClient ankorWebClient;

	private final RestClient ankorRestClient;

	public FleetClient(@Qualifier("ankorWebClient") WebClient ankorWebClient,
			@Qualifier("ankorRestClient") RestClient ankorRestClient) {
		this.ankorWebClient = ankorWebClient;
		this.ankorRestClient = ankorRestClient;
	}

	/**
	 * The whole fleet, through the reactive {@code ankorWebClient}.
	 * @return the yachts
	 */
	public List<Yacht> fleet() {
		return this.ankorWebClient.get()
			.uri("/website/v1/yachts")
			.retrieve()
			.bodyToMono(new ParameterizedTypeReference<List<Yacht>>() {
			})
			.block();
	}

	/**
	 * One yacht, through the blocking {@code ankorRestClient}.
	 * @param id the yacht's id
	 * @return the yacht
	 */
	public Yacht yacht(String id) {
		return this.ankorRestClient.get().uri("/website/v1/yachts/{id}", id).retrieve().body(Yacht.class);
	}

}
