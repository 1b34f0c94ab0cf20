package com.example.fleet;

import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.service.annotation.GetExchange;

public interface YachtApi {

	@GetExchange("/website/v1/yachts/{id}")
	String yacht(@PathVariable String id);

}
