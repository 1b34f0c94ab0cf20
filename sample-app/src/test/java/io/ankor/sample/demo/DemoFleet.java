package io.ankor.sample.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import com.github.tomakehurst.wiremock.client.WireMock;
import io.ankor.spring.boot.test.AnkorSimulator;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * Serves an illustrative fleet from the local Ankor simulator, when one runs (the
 * test-classpath launcher {@code TestSampleApplication}, and the tests):
 * {@code GET /website/v1/yachts}, {@code /website/v1/yachts/{id}} and
 * {@code /website/v1/yachts/{id}/availability}. The simulator still insists on a valid
 * token for every call.
 */
@Component
public class DemoFleet implements InitializingBean {

	private static final JsonMapper json = JsonMapper.builder().build();

	private final ObjectProvider<AnkorSimulator> simulator;

	public DemoFleet(ObjectProvider<AnkorSimulator> simulator) {
		this.simulator = simulator;
	}

	@Override
	public void afterPropertiesSet() throws IOException {
		AnkorSimulator ankor = this.simulator.getIfAvailable();
		if (ankor != null) {
			stub(ankor);
		}
	}

	/**
	 * The demo fleet for a simulator in a process of its own
	 * ({@code AnkorSimulatorServer --stubs=io.ankor.sample.demo.DemoFleet$Stubs}).
	 */
	public static class Stubs implements Consumer<AnkorSimulator> {

		@Override
		public void accept(AnkorSimulator ankor) {
			try {
				stub(ankor);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

	}

	/**
	 * Stubs the demo fleet on a simulator.
	 * @param ankor the simulator
	 * @throws IOException when the fleet cannot be read
	 */
	public static void stub(AnkorSimulator ankor) throws IOException {
		List<Map<String, Object>> yachts;
		try (InputStream in = new ClassPathResource("demo/fleet.json").getInputStream()) {
			yachts = json.readValue(in, new TypeReference<>() {
			});
		}
		ankor.stubFor(WireMock.get("/website/v1/yachts").willReturn(WireMock.okJson(json.writeValueAsString(yachts))));
		for (Map<String, Object> yacht : yachts) {
			String path = "/website/v1/yachts/" + yacht.get("id");
			ankor.stubFor(WireMock.get(path).willReturn(WireMock.okJson(json.writeValueAsString(yacht))));
			ankor.stubFor(WireMock.get(path + "/availability")
				.willReturn(WireMock.okJson(json.writeValueAsString(weeks(yacht)))));
		}
		ankor.stubFor(WireMock.get(WireMock.urlPathMatching("/website/v1/yachts/[^/]+(/availability)?"))
			.atPriority(10)
			.willReturn(WireMock.aResponse().withStatus(404)));
	}

	/** Eight Saturdays from now, every third one booked, prices a little higher in summer. */
	private static List<Map<String, Object>> weeks(Map<String, Object> yacht) {
		int price = ((Number) yacht.get("weeklyPriceEur")).intValue();
		int seed = Math.abs(yacht.get("id").hashCode());
		LocalDate saturday = LocalDate.now().with(TemporalAdjusters.next(DayOfWeek.SATURDAY));
		List<Map<String, Object>> weeks = new ArrayList<>();
		for (int i = 0; i < 8; i++) {
			LocalDate start = saturday.plusWeeks(i);
			int month = start.getMonthValue();
			double season = (month >= 6 && month <= 8) ? 1.25 : 1.0;
			Map<String, Object> week = new LinkedHashMap<>();
			week.put("weekStart", start.toString());
			week.put("available", (seed + i) % 3 != 0);
			week.put("priceEur", (int) Math.round(price * season / 10) * 10);
			weeks.add(week);
		}
		return weeks;
	}

}
