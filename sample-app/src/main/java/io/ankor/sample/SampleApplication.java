package io.ankor.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A charter agent's website that shows its fleet from Ankor's Website API, through the
 * {@code ankorWebClient} and {@code ankorRestClient} of the Ankor starter.
 */
@SpringBootApplication
public class SampleApplication {

	public static void main(String[] args) {
		SpringApplication.run(SampleApplication.class, args);
	}

}
