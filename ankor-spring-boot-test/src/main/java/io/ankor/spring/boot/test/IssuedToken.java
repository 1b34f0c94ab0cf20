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
package io.ankor.spring.boot.test;

import java.time.Instant;
import java.util.List;

/**
 * An access token the {@link AnkorSimulator} issued.
 *
 * @param value the opaque token
 * @param companyUri the company it was issued to
 * @param scopes the scopes it grants
 * @param issuedAt when it was issued, by the simulator's clock
 * @param expiresAt when it expires, by the simulator's clock
 * @param revoked whether it was revoked
 * @author Ankor starter team
 */
public record IssuedToken(String value, String companyUri, List<String> scopes, Instant issuedAt, Instant expiresAt,
		boolean revoked) {

	boolean isLiveAt(Instant now) {
		return !this.revoked && now.isBefore(this.expiresAt);
	}

	IssuedToken revoke() {
		return new IssuedToken(this.value, this.companyUri, this.scopes, this.issuedAt, this.expiresAt, true);
	}

	@Override
	public String toString() {
		return "IssuedToken[" + this.value.substring(0, 6) + "..., scopes=" + this.scopes + ", expiresAt="
				+ this.expiresAt + ", revoked=" + this.revoked + "]";
	}

}
