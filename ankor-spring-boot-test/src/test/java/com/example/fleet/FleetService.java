package com.example.fleet;

import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Service;
import org.springframework.web.reactive.function.client.WebClient;

@Service
public class FleetService {

	private final WebClient ankor;

	public FleetService(@Qualifier("ankorWebClient") WebClient ankor) {
		this.ankor = ankor;
	}

	public Mono<String> yachts() {
		return this.ankor.get().uri("/website/v1/yachts").retrieve().bodyToMono(String.class);
	}

}
