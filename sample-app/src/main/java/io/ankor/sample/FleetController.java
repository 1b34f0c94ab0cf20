package io.ankor.sample;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * The website's pages: "Our fleet" and one page per yacht.
 */
@Controller
public class FleetController {

	private final FleetClient fleet;

	private final AvailabilityApi availability;

	public FleetController(FleetClient fleet, AvailabilityApi availability) {
		this.fleet = fleet;
		this.availability = availability;
	}

	@GetMapping("/")
	public String home() {
		return "redirect:/fleet";
	}

	@GetMapping("/fleet")
	public String fleet(Model model) {
		model.addAttribute("yachts", this.fleet.fleet());
		return "fleet";
	}

	@GetMapping("/yachts/{id}")
	public String yacht(@PathVariable String id, Model model) {
		model.addAttribute("yacht", this.fleet.yacht(id));
		model.addAttribute("weeks", this.availability.weeks(id));
		return "yacht";
	}

}
