package io.ankor.sample;

import io.ankor.spring.boot.AnkorTokenException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClientException;
import org.springframework.web.reactive.function.client.WebClientException;
import org.springframework.web.reactive.function.client.WebClientResponseException;

/**
 * Turns Ankor failures into friendly pages: visitors see that the fleet cannot be shown
 * right now, never a stack trace.
 */
@ControllerAdvice
public class AnkorErrorHandler {

	private static final Log logger = LogFactory.getLog(AnkorErrorHandler.class);

	@ExceptionHandler({ HttpClientErrorException.NotFound.class, WebClientResponseException.NotFound.class })
	@ResponseStatus(HttpStatus.NOT_FOUND)
	public String notFound(Model model) {
		model.addAttribute("problemTitle", "Yacht not found");
		model.addAttribute("message", "We could not find that yacht in our fleet. It may have been retired.");
		return "problem";
	}

	@ExceptionHandler({ AnkorTokenException.class, RestClientException.class, WebClientException.class })
	@ResponseStatus(HttpStatus.BAD_GATEWAY)
	public String ankorUnavailable(Exception ex, Model model) {
		logger.warn("Ankor could not be reached: " + ex.getMessage());
		model.addAttribute("problemTitle", "Our fleet is out at sea");
		model.addAttribute("message",
				"We cannot reach our booking system right now. Please try again in a few minutes.");
		return "problem";
	}

}
