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

import java.lang.reflect.Field;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import io.ankor.spring.boot.AnkorTokenException;
import io.ankor.spring.boot.autoconfigure.MutableClock;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.util.ReflectionUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Tests for {@link DefaultAnkorAccessTokenProvider}, driven by token requests completed by
 * hand and a {@link MutableClock}: no sleeps, no server delays.
 */
class DefaultAnkorAccessTokenProviderTests {

	private final MutableClock clock = MutableClock.frozenAt(Instant.parse("2026-11-28T12:00:00.250Z"));

	private final RefreshPolicy policy = new RefreshPolicy(Duration.ofMinutes(1), this.clock, () -> 0L);

	/** The token requests the provider started, in order. */
	private final List<Request> requests = new ArrayList<>();

	private final AtomicBoolean closed = new AtomicBoolean();

	private final TokenSource source = new TokenSource() {

		@Override
		public CompletableFuture<OAuth2AccessToken> obtain(@Nullable OAuth2AccessToken replacing) {
			return request(replacing);
		}

		@Override
		public void close() {
			DefaultAnkorAccessTokenProviderTests.this.closed.set(true);
		}

	};

	private final DefaultAnkorAccessTokenProvider provider = new DefaultAnkorAccessTokenProvider(this.source,
			this.policy, Duration.ofSeconds(60), Duration.ofSeconds(30));

	private synchronized CompletableFuture<OAuth2AccessToken> request(@Nullable OAuth2AccessToken replacing) {
		Request request = new Request(replacing, new CompletableFuture<>());
		this.requests.add(request);
		return request.future();
	}

	private synchronized int requestCount() {
		return this.requests.size();
	}

	private OAuth2AccessToken token(String value) {
		Instant now = this.clock.instant();
		return new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, value, now, now.plus(Duration.ofHours(1)));
	}

	@Test
	void coldCallersShareOneRequestAndAllGetItsToken() throws Exception {
		List<CompletableFuture<OAuth2AccessToken>> callers = new ArrayList<>();
		for (int i = 0; i < 50; i++) {
			callers.add(this.provider.getAccessTokenAsync());
		}
		assertThat(this.requests).hasSize(1);
		assertThat(callers).noneMatch(CompletableFuture::isDone);
		this.requests.get(0).future().complete(token("one"));
		for (CompletableFuture<OAuth2AccessToken> caller : callers) {
			assertThat(caller.get(10, TimeUnit.SECONDS).getTokenValue()).isEqualTo("one");
		}
		assertThat(this.provider.getAccessTokenAsync()).isCompletedWithValueMatching((t) -> t.getTokenValue().equals("one"));
		assertThat(this.requests).hasSize(1);
	}

	@Test
	void theFastPathTakesNoLockAndMakesNoNewMono() throws Exception {
		this.provider.getAccessTokenAsync();
		this.requests.get(0).future().complete(token("one"));
		Mono<OAuth2AccessToken> reactive = this.provider.accessToken();
		assertThat(this.provider.accessToken()).isSameAs(reactive);
		// while another thread holds the provider's lock, the fast path still answers
		Field cacheField = DefaultAnkorAccessTokenProvider.class.getDeclaredField("cache");
		cacheField.setAccessible(true);
		Field monitor = TokenCache.class.getDeclaredField("monitor");
		monitor.setAccessible(true);
		Object lock = ReflectionUtils.getField(monitor, ReflectionUtils.getField(cacheField, this.provider));
		CountDownLatch locked = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		Thread holder = new Thread(() -> {
			synchronized (lock) {
				locked.countDown();
				try {
					release.await();
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}
		});
		holder.start();
		try {
			assertThat(locked.await(10, TimeUnit.SECONDS)).isTrue();
			assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
				assertThat(this.provider.getAccessToken().getTokenValue()).isEqualTo("one");
				assertThat(this.provider.getAccessTokenAsync()).isCompletedWithValueMatching(
						(token) -> token.getTokenValue().equals("one"));
				assertThat(reactive.block().getTokenValue()).isEqualTo("one");
			});
		}
		finally {
			release.countDown();
			holder.join();
		}
	}

	@Test
	void asyncCallersGetTheirResultOffTheThreadThatCompletedTheRequest() throws Exception {
		CompletableFuture<String> thread = this.provider.getAccessTokenAsync()
			.thenApply((token) -> Thread.currentThread().getName());
		this.requests.get(0).future().complete(token("one"));
		assertThat(thread.get(10, TimeUnit.SECONDS)).isNotEqualTo(Thread.currentThread().getName())
			.startsWith("boundedElastic");
	}

	@Test
	void renewsInTheBackgroundWhenDueWhileCallersKeepTheCurrentToken() {
		this.provider.getAccessTokenAsync();
		this.requests.get(0).future().complete(token("one"));
		this.clock.advance(Duration.ofMinutes(58).plusSeconds(45));
		assertThat(this.provider.getAccessTokenAsync()).isCompletedWithValueMatching((t) -> t.getTokenValue().equals("one"));
		assertThat(this.requests).hasSize(2);
		assertThat(this.requests.get(1).replacing().getTokenValue()).isEqualTo("one");
		assertThat(this.provider.tokenStatus().requestInFlight()).isTrue();
		assertThat(this.provider.getAccessTokenAsync()).isCompletedWithValueMatching((t) -> t.getTokenValue().equals("one"));
		assertThat(this.requests).hasSize(2);
		this.requests.get(1).future().complete(token("two"));
		assertThat(this.provider.getAccessTokenAsync()).isCompletedWithValueMatching((t) -> t.getTokenValue().equals("two"));
	}

	@Test
	void aBackgroundRenewalStillRunningWhenTheTokenRunsOutIsJoinedNotFailed() throws Exception {
		AtomicLong nanoTime = new AtomicLong();
		DefaultAnkorAccessTokenProvider provider = new DefaultAnkorAccessTokenProvider(this.source, this.policy,
				Duration.ofSeconds(60), Duration.ofSeconds(30), nanoTime::get);
		provider.getAccessTokenAsync();
		this.requests.get(0).future().complete(token("one"));
		this.clock.advance(Duration.ofMinutes(58).plusSeconds(45));
		assertThat(provider.getAccessTokenAsync()).isCompletedWithValueMatching((t) -> t.getTokenValue().equals("one"));
		assertThat(this.requests).hasSize(2);
		// the renewal runs on, longer than a caller's wait, until the token may no longer be sent
		nanoTime.addAndGet(Duration.ofSeconds(40).toNanos());
		this.clock.advance(Duration.ofSeconds(30));
		CompletableFuture<OAuth2AccessToken> caller = provider.getAccessTokenAsync();
		assertThat(caller).isNotDone();
		assertThat(this.requests).hasSize(2);
		this.requests.get(1).future().complete(token("two"));
		assertThat(caller.get(10, TimeUnit.SECONDS).getTokenValue()).isEqualTo("two");
		// a request that has kept a caller waiting longer than that is not joined
		provider.invalidate(token("two"));
		CompletableFuture<OAuth2AccessToken> cold = provider.getAccessTokenAsync();
		nanoTime.addAndGet(Duration.ofSeconds(31).toNanos());
		assertThatExceptionOfType(Exception.class)
			.isThrownBy(() -> provider.getAccessTokenAsync().get(10, TimeUnit.SECONDS))
			.withMessageContaining("within");
		assertThat(cold).isNotDone();
	}

	@Test
	void neverSendsATokenWithinItsMargin() throws Exception {
		this.provider.getAccessTokenAsync();
		this.requests.get(0).future().complete(token("one"));
		this.clock.advance(Duration.ofMinutes(59));
		CompletableFuture<OAuth2AccessToken> caller = this.provider.getAccessTokenAsync();
		assertThat(caller).isNotDone();
		assertThat(this.requests).hasSize(2);
		this.requests.get(1).future().complete(token("two"));
		assertThat(caller.get(10, TimeUnit.SECONDS).getTokenValue()).isEqualTo("two");
	}

	@Test
	void everyCallerGetsTheFailureAndStatusShowsIt() {
		CompletableFuture<OAuth2AccessToken> async = this.provider.getAccessTokenAsync();
		AnkorTokenException refusal = new AnkorTokenException(new OAuth2Error("invalid_grant"), 400, null, null, null);
		this.requests.get(0).future().completeExceptionally(refusal);
		assertThatExceptionOfType(Exception.class).isThrownBy(() -> async.get(10, TimeUnit.SECONDS))
			.withCause(refusal);
		assertThat(this.provider.tokenStatus().lastErrorCode()).isEqualTo("invalid_grant");
		assertThat(this.provider.tokenStatus().hasToken()).isFalse();
	}

	@Test
	void aRejectedTokenIsReplacedByTheNextRequest() {
		this.provider.getAccessTokenAsync();
		OAuth2AccessToken one = token("one");
		this.requests.get(0).future().complete(one);
		this.provider.invalidate(one);
		CompletableFuture<OAuth2AccessToken> caller = this.provider.getAccessTokenAsync();
		assertThat(caller).isNotDone();
		assertThat(this.requests.get(1).replacing()).isSameAs(one);
		assertThat(this.provider.tokenStatus().unauthorizedRenewals()).isOne();
	}

	@Test
	void aCallerWhoseLookAtTheCacheCameBeforeARejectionDoesNotTakeTheRejectedTokenBack() throws Exception {
		// the caller's first read of the clock waits until the token it looked at was replaced and rejected
		CountDownLatch looking = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		Thread[] caller = new Thread[1];
		AtomicBoolean held = new AtomicBoolean();
		this.clock.onRead(() -> {
			if (Thread.currentThread() == caller[0] && held.compareAndSet(false, true)) {
				looking.countDown();
				try {
					release.await(10, TimeUnit.SECONDS);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}
		});
		this.provider.getAccessTokenAsync();
		this.requests.get(0).future().complete(token("zero"));
		CompletableFuture<OAuth2AccessToken> late = new CompletableFuture<>();
		caller[0] = new Thread(() -> late.complete(this.provider.getAccessToken()));
		caller[0].start();
		assertThat(looking.await(10, TimeUnit.SECONDS)).isTrue();
		// meanwhile 'zero' runs out, 'one' replaces it, and Ankor rejects 'one'
		this.clock.advance(Duration.ofHours(1).plusSeconds(1));
		this.provider.getAccessTokenAsync();
		OAuth2AccessToken one = token("one");
		this.requests.get(1).future().complete(one);
		this.provider.invalidate(one);
		release.countDown();
		await().atMost(Duration.ofSeconds(10)).until(() -> requestCount() == 3);
		assertThat(this.requests.get(2).replacing()).isSameAs(one);
		this.requests.get(2).future().complete(token("two"));
		assertThat(late.get(10, TimeUnit.SECONDS).getTokenValue()).isEqualTo("two");
		caller[0].join(10_000);
		assertThat(caller[0].isAlive()).isFalse();
	}

	@Test
	void closingFailsWaitingCallersAtOnceAndStopsTheTokenThread() {
		CompletableFuture<OAuth2AccessToken> caller = this.provider.getAccessTokenAsync();
		this.provider.destroy();
		assertThat(this.closed).isTrue();
		assertThatExceptionOfType(Exception.class).isThrownBy(() -> caller.get(10, TimeUnit.SECONDS))
			.withRootCauseInstanceOf(IllegalStateException.class)
			.withStackTraceContaining("closed");
		assertThatExceptionOfType(IllegalStateException.class).isThrownBy(this.provider::getAccessToken)
			.withMessageContaining("closed");
	}

	@Test
	void blockingCallersWaitNoLongerThanTheBound() {
		DefaultAnkorAccessTokenProvider provider = new DefaultAnkorAccessTokenProvider(this::request, this.policy,
				Duration.ofSeconds(60), Duration.ofMillis(50));
		assertThatExceptionOfType(AnkorTokenException.class).isThrownBy(provider::getAccessToken)
			.satisfies((ex) -> assertThat(ex.getErrorCode()).isEqualTo("token_request_timeout"));
		assertThatExceptionOfType(Exception.class)
			.isThrownBy(() -> provider.getAccessTokenAsync().get(10, TimeUnit.SECONDS))
			.withCauseInstanceOf(AnkorTokenException.class);
	}

	@Test
	void refusesToBlockAnEventLoopThreadWithAHint() {
		Mono<OAuth2AccessToken> onEventLoop = Mono.fromCallable(this.provider::getAccessToken)
			.subscribeOn(Schedulers.parallel());
		assertThatExceptionOfType(IllegalStateException.class).isThrownBy(onEventLoop::block)
			.withMessageContaining("use accessToken()");
	}

	@Test
	void aRequestThatNeverEndsEndsForEveryoneWithinItsBound() {
		DefaultAnkorAccessTokenProvider provider = new DefaultAnkorAccessTokenProvider(this::request, this.policy,
				Duration.ofMillis(50), Duration.ofSeconds(30));
		assertThatExceptionOfType(AnkorTokenException.class).isThrownBy(provider::getAccessToken)
			.satisfies((ex) -> assertThat(ex.getErrorCode()).isEqualTo("token_request_timeout"));
		assertThat(provider.tokenStatus().requestInFlight()).isFalse();
		assertThat(provider.tokenStatus().lastErrorCode()).isEqualTo("token_request_timeout");
	}

	@Test
	void aFailureIsHandedToCallersAtOnceUntilTheNextAttemptIsDueAndThePauseDoubles() {
		AnkorTokenException unreachable = new AnkorTokenException(new OAuth2Error("token_endpoint_unreachable"), 0,
				null, null, null);
		this.provider.getAccessTokenAsync();
		this.requests.get(0).future().completeExceptionally(unreachable);
		for (int i = 0; i < 10; i++) {
			assertThat(this.provider.getAccessTokenAsync()).failsWithin(Duration.ofSeconds(10))
				.withThrowableOfType(ExecutionException.class)
				.havingCause()
				.isInstanceOfSatisfying(AnkorTokenException.class,
						(ex) -> assertThat(ex.getErrorCode()).isEqualTo("token_endpoint_unreachable"));
		}
		assertThat(this.requests).hasSize(1);
		assertThat(this.provider.tokenStatus().nextAttemptAt()).isEqualTo(this.clock.instant().plusSeconds(1));
		this.clock.advance(Duration.ofSeconds(1));
		this.provider.getAccessTokenAsync();
		assertThat(this.requests).hasSize(2);
		this.requests.get(1).future().completeExceptionally(unreachable);
		this.clock.advance(Duration.ofMillis(1999));
		assertThat(this.provider.getAccessTokenAsync()).isCompletedExceptionally();
		assertThat(this.requests).hasSize(2);
		this.clock.advance(Duration.ofMillis(1));
		CompletableFuture<OAuth2AccessToken> third = this.provider.getAccessTokenAsync();
		assertThat(this.requests).hasSize(3);
		this.requests.get(2).future().complete(token("back"));
		assertThat(third).succeedsWithin(Duration.ofSeconds(10));
		assertThat(this.provider.tokenStatus().lastErrorCode()).isNull();
		assertThat(this.provider.tokenStatus().nextAttemptAt()).isNull();
	}

	@Test
	void resetForgetsTheTokenAndTheRememberedFailure() {
		this.provider.getAccessTokenAsync();
		this.requests.get(0)
			.future()
			.completeExceptionally(new AnkorTokenException(new OAuth2Error("invalid_grant"), 400, null, null, null));
		assertThat(this.provider.getAccessTokenAsync()).isCompletedExceptionally();
		this.provider.reset();
		assertThat(this.provider.tokenStatus().lastErrorCode()).isNull();
		this.provider.getAccessTokenAsync();
		assertThat(this.requests).hasSize(2);
		this.requests.get(1).future().complete(token("one"));
		this.provider.reset();
		assertThat(this.provider.tokenStatus().hasToken()).isFalse();
		this.provider.getAccessTokenAsync();
		assertThat(this.requests).hasSize(3);
	}

	@Test
	void resetDetachesARunningRequestAndTheNextOneReplacesTheLastToken() {
		this.provider.getAccessTokenAsync();
		OAuth2AccessToken one = token("one");
		this.requests.get(0).future().complete(one);
		this.provider.invalidate(one);
		this.provider.getAccessTokenAsync();
		assertThat(this.requests).hasSize(2);
		this.provider.reset();
		assertThat(this.provider.tokenStatus().requestInFlight()).isFalse();
		// the detached request ends, and changes nothing
		this.requests.get(1)
			.future()
			.completeExceptionally(new AnkorTokenException(new OAuth2Error("invalid_grant"), 400, null, null, null));
		assertThat(this.provider.tokenStatus().lastErrorCode()).isNull();
		this.provider.getAccessTokenAsync();
		assertThat(this.requests).hasSize(3);
		this.requests.get(2).future().complete(token("two"));
		this.provider.reset();
		this.provider.getAccessTokenAsync();
		assertThat(this.requests.get(3).replacing().getTokenValue()).isEqualTo("two");
	}

	@Test
	void rotationSwitchesOnceTheNewCredentialsGotATokenAndTheOldRequestIsNotCached() throws Exception {
		CompletableFuture<OAuth2AccessToken> waiting = this.provider.getAccessTokenAsync();
		assertThat(this.requests).hasSize(1);
		this.provider.rotate((TokenSource) (replacing) -> CompletableFuture.completedFuture(token("new")));
		// the callers of the old key's request get the new key's token at the switch
		assertThat(waiting.get(10, TimeUnit.SECONDS).getTokenValue()).isEqualTo("new");
		assertThat(this.provider.getAccessTokenAsync().get(10, TimeUnit.SECONDS).getTokenValue()).isEqualTo("new");
		// the old request ends later: its token is not cached
		this.requests.get(0).future().complete(token("old"));
		assertThat(this.provider.getAccessTokenAsync().get(10, TimeUnit.SECONDS).getTokenValue()).isEqualTo("new");
		assertThat(this.requests).hasSize(1);
	}

	@Test
	void callersOfTheOldKeysRequestGetTheNewKeysTokenEvenWhenThatRequestFails() throws Exception {
		List<CompletableFuture<OAuth2AccessToken>> waiting = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			waiting.add(this.provider.getAccessTokenAsync());
		}
		this.provider.rotate((TokenSource) (replacing) -> CompletableFuture.completedFuture(token("new")));
		// the old key was deleted in Ankor: its request is refused
		this.requests.get(0)
			.future()
			.completeExceptionally(new AnkorTokenException(new OAuth2Error("invalid_grant", "Unknown key", null), 400,
					null, null, null));
		for (CompletableFuture<OAuth2AccessToken> caller : waiting) {
			assertThat(caller.get(10, TimeUnit.SECONDS).getTokenValue()).isEqualTo("new");
		}
		assertThat(this.provider.tokenStatus().lastErrorCode()).isNull();
		assertThat(this.provider.getAccessToken().getTokenValue()).isEqualTo("new");
	}

	@Test
	void closingAfterARotationClosesTheRetiredSourceWhoseRequestStillRuns() throws Exception {
		AtomicBoolean closedOld = new AtomicBoolean();
		CompletableFuture<OAuth2AccessToken> oldRequest = new CompletableFuture<>();
		TokenSource old = retiringSource(oldRequest, closedOld);
		DefaultAnkorAccessTokenProvider provider = new DefaultAnkorAccessTokenProvider(old, this.policy,
				Duration.ofSeconds(60), Duration.ofSeconds(30));
		CompletableFuture<OAuth2AccessToken> waiting = provider.getAccessTokenAsync();
		provider.rotate((TokenSource) (replacing) -> CompletableFuture.completedFuture(token("new")));
		assertThat(waiting.get(10, TimeUnit.SECONDS).getTokenValue()).isEqualTo("new");
		assertThat(closedOld).isFalse();
		provider.destroy();
		assertThat(closedOld).isTrue();
	}

	@Test
	void aRetiredSourceWhoseRequestEndedIsNotKept() throws Exception {
		AtomicBoolean closedOld = new AtomicBoolean();
		CompletableFuture<OAuth2AccessToken> oldRequest = new CompletableFuture<>();
		TokenSource old = retiringSource(oldRequest, closedOld);
		DefaultAnkorAccessTokenProvider provider = new DefaultAnkorAccessTokenProvider(old, this.policy,
				Duration.ofSeconds(60), Duration.ofSeconds(30));
		provider.getAccessTokenAsync();
		provider.rotate((TokenSource) (replacing) -> CompletableFuture.completedFuture(token("new")));
		oldRequest.complete(token("old"));
		provider.destroy();
		// it ended by itself: closing has nothing left to interrupt
		assertThat(closedOld).isFalse();
	}

	@Test
	void requestsDetachedByTwoResetsBothEndWhenTheProviderCloses() {
		CompletableFuture<OAuth2AccessToken> first = this.provider.getAccessTokenAsync();
		this.provider.reset();
		CompletableFuture<OAuth2AccessToken> second = this.provider.getAccessTokenAsync();
		this.provider.reset();
		assertThat(this.requests).hasSize(2);
		this.provider.destroy();
		assertThatExceptionOfType(Exception.class).isThrownBy(() -> first.get(10, TimeUnit.SECONDS))
			.withMessageContaining("closed");
		assertThatExceptionOfType(Exception.class).isThrownBy(() -> second.get(10, TimeUnit.SECONDS))
			.withMessageContaining("closed");
	}

	/**
	 * A source whose one request is given, which takes no new requests once retired and
	 * says it is idle when that request has ended.
	 */
	private static TokenSource retiringSource(CompletableFuture<OAuth2AccessToken> request, AtomicBoolean closed) {
		return new TokenSource() {

			@Override
			public CompletableFuture<OAuth2AccessToken> obtain(@Nullable OAuth2AccessToken replacing) {
				return request;
			}

			@Override
			public void close() {
				closed.set(true);
			}

			@Override
			public CompletableFuture<Void> retire() {
				return request.handle((token, failure) -> null);
			}

		};
	}

	@Test
	void theCallersOfARequestDetachedByResetGetTheNewKeysTokenAtARotation() throws Exception {
		CompletableFuture<OAuth2AccessToken> waiting = this.provider.getAccessTokenAsync();
		this.provider.reset();
		this.provider.rotate((TokenSource) (replacing) -> CompletableFuture.completedFuture(token("new")));
		assertThat(waiting.get(10, TimeUnit.SECONDS).getTokenValue()).isEqualTo("new");
		this.requests.get(0).future().complete(token("old"));
		assertThat(this.provider.getAccessTokenAsync().get(10, TimeUnit.SECONDS).getTokenValue()).isEqualTo("new");
	}

	@Test
	void aFailedRotationKeepsTheCurrentTokenAndCredentials() throws Exception {
		this.provider.getAccessTokenAsync();
		this.requests.get(0).future().complete(token("one"));
		AtomicBoolean newSourceClosed = new AtomicBoolean();
		TokenSource refused = new TokenSource() {

			@Override
			public CompletableFuture<OAuth2AccessToken> obtain(@Nullable OAuth2AccessToken replacing) {
				return CompletableFuture.failedFuture(
						new AnkorTokenException(new OAuth2Error("invalid_grant"), 400, null, null, null));
			}

			@Override
			public void close() {
				newSourceClosed.set(true);
			}

		};
		assertThatExceptionOfType(AnkorTokenException.class).isThrownBy(() -> this.provider.rotate(refused))
			.satisfies((ex) -> assertThat(ex.getError().getErrorCode()).isEqualTo("invalid_grant"));
		assertThat(newSourceClosed).isTrue();
		assertThat(this.closed).isFalse();
		assertThat(this.provider.getAccessTokenAsync().get(10, TimeUnit.SECONDS).getTokenValue()).isEqualTo("one");
		this.clock.advance(Duration.ofMinutes(59));
		this.provider.getAccessTokenAsync();
		assertThat(this.requests).hasSize(2);
	}

	@Test
	void retryAfterHoldsAcrossCallsWithinSaneBounds() {
		assertPause(Duration.ofSeconds(30), Duration.ofSeconds(30));
		assertPause(Duration.ZERO, RememberedFailure.FIRST_PAUSE);
		assertPause(Duration.ofSeconds(Long.MAX_VALUE), RememberedFailure.MAX_RETRY_AFTER);
		assertPause(Duration.ofDays(3650), RememberedFailure.MAX_RETRY_AFTER);
	}

	private void assertPause(Duration retryAfter, Duration expected) {
		this.requests.clear();
		DefaultAnkorAccessTokenProvider provider = new DefaultAnkorAccessTokenProvider(this::request, this.policy,
				Duration.ofSeconds(60), Duration.ofSeconds(30));
		provider.getAccessTokenAsync();
		this.requests.get(0)
			.future()
			.completeExceptionally(new AnkorTokenException(new OAuth2Error("too_many_requests"), 429, retryAfter,
					null, null));
		assertThat(provider.tokenStatus().nextAttemptAt()).isEqualTo(this.clock.instant().plus(expected));
		this.clock.advance(expected.minusMillis(1));
		assertThat(provider.getAccessTokenAsync()).isCompletedExceptionally();
		assertThat(this.requests).hasSize(1);
		this.clock.advance(Duration.ofMillis(1));
		provider.getAccessTokenAsync();
		assertThat(this.requests).hasSize(2);
	}

	private record Request(@Nullable OAuth2AccessToken replacing, CompletableFuture<OAuth2AccessToken> future) {

	}

}
