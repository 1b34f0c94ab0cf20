package io.ankor.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.web.service.registry.ImportHttpServices;

/**
 * A charter agent's website that shows its fleet from Ankor's Website API, through the
 * {@code ankorWebClient} and {@code ankorRestClient} of the Ankor starter, and an HTTP
 * interface client of the service group "ankor".
 */
@SpringBootApplication
@ImportHttpServices(group = "ankor", types = AvailabilityApi.class)
public class SampleApplication {

	public static void main(String[] args) {
		SpringApplication.run(SampleApplication.class, args);
	}

}
