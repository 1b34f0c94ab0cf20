package com.example.fleet;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import io.ankor.spring.boot.AnkorAccessTokenProvider;

import org.springframework.stereotype.Component;

@Component
public class PartnerGateway {

	private final HttpClient http = HttpClient.newHttpClient();

	private final AnkorAccessTokenProvider tokens;

	public PartnerGateway(AnkorAccessTokenProvider tokens) {
		this.tokens = tokens;
	}

	public String get(URI ankorUri) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(ankorUri)
			.header("Authorization", "Bearer " + this.tokens.getAccessToken().getTokenValue())
			.build();
		return this.http.send(request, HttpResponse.BodyHandlers.ofString()).body();
	}

}
