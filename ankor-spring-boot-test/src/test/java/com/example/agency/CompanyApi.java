package com.example.agency;

import org.springframework.web.service.annotation.GetExchange;

public interface CompanyApi {

	@GetExchange("/entity/v1/companies")
	String companies();

}
