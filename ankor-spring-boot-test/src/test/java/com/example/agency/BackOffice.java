package com.example.agency;

import io.ankor.spring.boot.AnkorAccounts;

import org.springframework.stereotype.Service;
import org.springframework.web.client.RestClient;

@Service
public class BackOffice {

	private final RestClient ankor;

	public BackOffice(AnkorAccounts accounts) {
		this.ankor = accounts.getRestClient("back-office");   // getWebClient, getTokenProvider, getNames
	}

	public String companies() {
		return this.ankor.get().uri("/entity/v1/companies").retrieve().body(String.class);
	}

}
