/*
 * Copyright 2026 the original author or authors.
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *      https://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */
package io.ankor.spring.boot.token;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.SplittableRandom;

import io.ankor.spring.boot.autoconfigure.MutableClock;
import io.ankor.spring.boot.token.RefreshPolicy.CachedToken;
import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.core.OAuth2AccessToken;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link RefreshPolicy}, on a {@link MutableClock}.
 */
class RefreshPolicyTests {

	private final MutableClock clock = MutableClock.frozenAt(Instant.parse("2026-11-28T12:00:00.250Z"));

	private OAuth2AccessToken token(Duration lifetime) {
		Instant now = this.clock.instant();
		return new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, "t", now, now.plus(lifetime));
	}

	@Test
	void neverSendsATokenInItsRefreshMarginAndRenewsBetweenOneAndAQuarterAndOneAndAHalfMargins() {
		RefreshPolicy policy = new RefreshPolicy(Duration.ofMinutes(1), this.clock, new SplittableRandom(7));
		OAuth2AccessToken token = token(Duration.ofHours(1));
		Instant expiry = token.getExpiresAt();
		for (int i = 0; i < 200; i++) {
			CachedToken cached = policy.time(token);
			assertThat(cached.sendUntil()).isEqualTo(expiry.minusSeconds(60));
			assertThat(cached.renewAt()).isBetween(expiry.minusSeconds(90), expiry.minusSeconds(75));
		}
		this.clock.advance(Duration.ofMinutes(59).minusMillis(1));
		assertThat(policy.isSendable(token)).isTrue();
		this.clock.advance(Duration.ofMillis(1));
		assertThat(policy.isSendable(token)).isFalse();
	}

	@Test
	void capsTheMarginAtHalfTheLifetime() {
		RefreshPolicy policy = new RefreshPolicy(Duration.ofMinutes(1), this.clock, () -> 0L);
		OAuth2AccessToken token = token(Duration.ofSeconds(10));
		CachedToken cached = policy.time(token);
		assertThat(cached.sendUntil()).isEqualTo(token.getExpiresAt().minusSeconds(5));
		assertThat(cached.renewAt()).isEqualTo(cached.sendUntil().minusMillis(1250));
	}

	@Test
	void stampsTokensByItsOwnClockKeepingTheirLifetime() {
		this.clock.advance(Duration.ofDays(3));
		RefreshPolicy policy = new RefreshPolicy(Duration.ofMinutes(1), this.clock);
		Instant system = Instant.now();
		OAuth2AccessToken stamped = policy.stamp(new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, "t", system,
				system.plusSeconds(600)));
		assertThat(stamped.getIssuedAt()).isEqualTo(this.clock.instant());
		assertThat(Duration.between(stamped.getIssuedAt(), stamped.getExpiresAt())).isEqualTo(Duration.ofSeconds(600));
		assertThat(policy.isSendable(stamped)).isTrue();
	}

	@Test
	void lifetimeComesFromExpiresInThenTheJwtThenTheDefaultCappedAtAnHour() {
		RefreshPolicy policy = new RefreshPolicy(Duration.ofMinutes(1), this.clock);
		long exp = this.clock.instant().getEpochSecond() + 120;
		String payload = Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString(("{\"exp\":" + exp + "}").getBytes(StandardCharsets.UTF_8));
		String jwt = "eyJhbGciOiJub25lIn0." + payload + ".sig";
		assertThat(policy.lifetimeSeconds(900L, jwt)).isEqualTo(900);
		assertThat(policy.lifetimeSeconds(null, jwt)).isEqualTo(120);
		assertThat(policy.lifetimeSeconds(null, "opaque")).isEqualTo(RefreshPolicy.DEFAULT_LIFETIME.toSeconds());
		assertThat(policy.lifetimeSeconds(7200L, "opaque")).isEqualTo(RefreshPolicy.MAX_LIFETIME.toSeconds());
	}

}
