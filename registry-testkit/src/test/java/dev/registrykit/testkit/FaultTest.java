package dev.registrykit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.registrykit.core.digest.Digest;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Fault injection: statuses, 429, dropped connections, slow/truncated/wrong bodies, redirects,
 * warnings.
 */
@Timeout(60)
class FaultTest extends SeededRegistryTest {

  private HttpResponse<byte[]> blob() throws Exception {
    return Http.get(registry, R + "/blobs/" + SEED.layerDigest);
  }

  @Test
  void status_forNextTwoBlobRequests_thenServes() throws Exception {
    registry.inject(Fault.status(503).on(EndpointFamily.BLOBS).times(2));
    assertThat(Http.get(registry, R + "/manifests/v1").statusCode()).isEqualTo(200);
    HttpResponse<byte[]> first = blob();
    assertThat(first.statusCode()).isEqualTo(503);
    assertThat(Http.text(first)).contains("UNAVAILABLE");
    assertThat(blob().statusCode()).isEqualTo(503);
    assertThat(blob().statusCode()).isEqualTo(200);
    assertThat(registry.pendingFaults()).isEmpty();
    assertThat(registry.requests())
        .extracting(RecordedExchange::status)
        .containsExactly(200, 503, 503, 200);
    assertThat(registry.requests().get(1).fault()).hasValue(Fault.Kind.STATUS);
  }

  @Test
  void headers_onTheNormalAnswerAndOnA429_asDockerHubSendsThem() throws Exception {
    registry.inject(
        Fault.headers("RateLimit-Limit", "100;w=21600", "RateLimit-Remaining", "76;w=21600")
            .times(1));
    HttpResponse<byte[]> served = Http.get(registry, R + "/manifests/v1");
    registry.inject(
        Fault.tooManyRequests(Duration.ofSeconds(60))
            .withHeaders("RateLimit-Remaining", "0;w=21600"));
    HttpResponse<byte[]> limited = Http.get(registry, R + "/manifests/v1");

    assertThat(served.statusCode()).isEqualTo(200);
    assertThat(served.headers().firstValue("RateLimit-Limit")).hasValue("100;w=21600");
    assertThat(served.headers().firstValue("RateLimit-Remaining")).hasValue("76;w=21600");
    assertThat(limited.statusCode()).isEqualTo(429);
    assertThat(limited.headers().firstValue("RateLimit-Remaining")).hasValue("0;w=21600");
    assertThat(limited.headers().firstValue("Retry-After")).hasValue("60");
    assertThat(Http.get(registry, R + "/manifests/v1").headers().firstValue("RateLimit-Limit"))
        .isEmpty();
  }

  @Test
  void withHeaders_oddCountOrLineBreaks_rejected() {
    assertThatThrownBy(() -> Fault.headers("RateLimit-Limit"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Fault.headers("X", "a\r\nInjected: 1"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void status_forOneRepository_leavesOthersAlone() throws Exception {
    registry.putBlob("team/other", SEED.layer);
    registry.inject(Fault.status(500).forRepository("team/other").always());
    assertThat(blob().statusCode()).isEqualTo(200);
    assertThat(Http.get(registry, "/v2/team/other/blobs/" + SEED.layerDigest).statusCode())
        .isEqualTo(500);
    assertThat(Http.get(registry, "/v2/team/other/blobs/" + SEED.layerDigest).statusCode())
        .isEqualTo(500);
    assertThat(registry.pendingFaults()).hasSize(1);
    registry.reset();
    assertThat(registry.pendingFaults()).isEmpty();
  }

  @Test
  void status502_onEndpoint_only() throws Exception {
    registry.inject(Fault.status(502).on(Endpoint.END_7A));
    assertThat(blob().statusCode()).isEqualTo(200);
    HttpResponse<byte[]> put =
        Http.send(
            registry.url(R + "/manifests/x"),
            "PUT",
            Map.of("Content-Type", Seed.OCI_MANIFEST),
            SEED.manifest);
    assertThat(put.statusCode()).isEqualTo(502);
    assertThat(registry.tags(Seed.REPO)).doesNotContain("x");
  }

  @Test
  void tooManyRequests_withSecondsOrDate() throws Exception {
    registry.inject(
        Fault.tooManyRequests(Duration.ofSeconds(7)),
        Fault.tooManyRequestsUntil(ZonedDateTime.of(2030, 1, 2, 3, 4, 5, 0, ZoneOffset.UTC)));
    HttpResponse<byte[]> seconds = blob();
    assertThat(seconds.statusCode()).isEqualTo(429);
    assertThat(seconds.headers().firstValue("Retry-After")).hasValue("7");
    assertThat(Http.text(seconds)).contains("TOOMANYREQUESTS");
    HttpResponse<byte[]> date = blob();
    assertThat(date.headers().firstValue("Retry-After")).hasValue("Wed, 2 Jan 2030 03:04:05 GMT");
  }

  @Test
  void dropConnection_beforeResponse_failsTheRequest() throws Exception {
    // The JDK client transparently retries an idempotent GET once on a connection closed before
    // any response, so two drops are needed to surface the failure; a POST is never retried.
    registry.inject(
        Fault.dropConnection().on(Endpoint.END_2).times(2),
        Fault.dropConnection().on(Endpoint.END_4A));
    assertThatThrownBy(this::blob).isInstanceOf(IOException.class);
    assertThatThrownBy(
            () -> Http.send(registry.url(R + "/blobs/uploads/"), "POST", Map.of(), new byte[0]))
        .isInstanceOf(IOException.class);
    assertThat(blob().statusCode()).isEqualTo(200);
    assertThat(registry.requests())
        .extracting(e -> e.fault().orElse(null))
        .containsExactly(
            Fault.Kind.DROP_CONNECTION,
            Fault.Kind.DROP_CONNECTION,
            Fault.Kind.DROP_CONNECTION,
            null);
    assertThat(registry.openUploads()).isEmpty();
  }

  @Test
  void dropConnection_midBody_failsTheRead() throws Exception {
    byte[] big = new byte[4 * 1024 * 1024];
    new java.util.Random(1).nextBytes(big);
    Digest d = registry.putBlob(Seed.REPO, big);
    registry.inject(Fault.dropConnectionMidBody());
    assertThatThrownBy(() -> Http.get(registry, R + "/blobs/" + d)).isInstanceOf(IOException.class);
    assertThat(Http.get(registry, R + "/blobs/" + d).body()).isEqualTo(big);
  }

  @Test
  void truncatedBody_announcesFullLength_sendsHalf() throws Exception {
    registry.inject(Fault.truncatedBody());
    assertThatThrownBy(this::blob).isInstanceOf(IOException.class);
    assertThat(registry.requests().get(0).fault()).hasValue(Fault.Kind.TRUNCATED_BODY);
  }

  @Test
  void wrongDigest_sameSizeDifferentBytes() throws Exception {
    registry.inject(Fault.wrongDigest().on(EndpointFamily.MANIFESTS));
    HttpResponse<byte[]> r = Http.get(registry, R + "/manifests/v1");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).hasSameSizeAs(SEED.manifest).isNotEqualTo(SEED.manifest);
    assertThat(Digest.sha256(r.body())).isNotEqualTo(SEED.manifestDigest);
    assertThat(r.headers().firstValue("Docker-Content-Digest"))
        .hasValue(SEED.manifestDigest.toString());
  }

  @Test
  void wrongDigest_emptyBlob_servedIntactAndFaultKept() throws Exception {
    Digest empty = registry.putBlob(Seed.REPO, new byte[0]);
    registry.inject(Fault.wrongDigest());

    HttpResponse<byte[]> r = Http.get(registry, R + "/blobs/" + empty);

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).isEmpty();
    assertThat(registry.pendingFaults()).hasSize(1);
  }

  @Test
  void wrongDigest_layer_onlyLastByteDiffers() throws Exception {
    registry.inject(Fault.wrongDigest());

    byte[] body = blob().body();

    assertThat(body).hasSameSizeAs(SEED.layer);
    assertThat(java.util.Arrays.copyOf(body, body.length - 1))
        .isEqualTo(java.util.Arrays.copyOf(SEED.layer, SEED.layer.length - 1));
    assertThat(body[body.length - 1]).isEqualTo((byte) (SEED.layer[SEED.layer.length - 1] ^ 1));
  }

  @Test
  void slowBody_stillDeliversTheBytes() throws Exception {
    registry.inject(Fault.slowBody(1000));
    HttpResponse<byte[]> r = blob();
    assertThat(r.body()).isEqualTo(SEED.layer);
    assertThat(registry.requests().get(0).fault()).hasValue(Fault.Kind.SLOW_BODY);
  }

  @Test
  void bodyFaults_skipResponsesWithoutBody() throws Exception {
    registry.inject(Fault.wrongDigest());
    HttpResponse<byte[]> head =
        Http.send(registry.url(R + "/blobs/" + SEED.layerDigest), "HEAD", Map.of(), new byte[0]);
    assertThat(head.statusCode()).isEqualTo(200);
    assertThat(registry.pendingFaults()).hasSize(1);
  }

  @Test
  void redirect_toSecondServer_servesBytesAndRecordsHeaders() throws Exception {
    registry.inject(Fault.redirectBlobs());
    HttpResponse<byte[]> r =
        Http.send(
            registry.url(R + "/blobs/" + SEED.layerDigest),
            "GET",
            Map.of("Authorization", "Bearer secret-token"),
            new byte[0]);
    assertThat(r.statusCode()).isEqualTo(307);
    String location = r.headers().firstValue("Location").orElseThrow();
    assertThat(location).startsWith(registry.blobServerUri() + "/blobs/" + SEED.layerDigest);
    assertThat(java.net.URI.create(location).getHost()).isNotEqualTo(registry.baseUri().getHost());
    HttpResponse<byte[]> followed =
        Http.send(java.net.URI.create(location), "GET", Map.of(), new byte[0]);
    assertThat(followed.body()).isEqualTo(SEED.layer);
    assertThat(registry.blobServerRequests())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.hasAuthorization()).isFalse();
              assertThat(e.status()).isEqualTo(200);
            });
    assertThat(registry.requests().get(0).toString()).doesNotContain("secret-token");
    assertThat(blob().statusCode()).isEqualTo(200);
  }

  @Test
  void redirect_onlyAppliesToBlobGets() throws Exception {
    registry.inject(Fault.redirectBlobs().always());
    assertThat(Http.get(registry, R + "/manifests/v1").statusCode()).isEqualTo(200);
    assertThat(blob().statusCode()).isEqualTo(307);
  }

  @Test
  void warning_isAddedToTheNormalAnswer() throws Exception {
    registry.inject(Fault.warning("this registry is deprecated"));
    HttpResponse<byte[]> r = blob();
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Warning")).hasValue("299 - \"this registry is deprecated\"");
    assertThat(blob().headers().firstValue("Warning")).isEmpty();
  }

  @Test
  void builderFaults_comeBackAfterReset() throws Exception {
    try (FakeRegistry r =
        FakeRegistry.builder().fault(Fault.status(500).on(Endpoint.END_1)).start()) {
      assertThat(Http.get(r, "/v2/").statusCode()).isEqualTo(500);
      assertThat(Http.get(r, "/v2/").statusCode()).isEqualTo(200);
      r.reset();
      assertThat(Http.get(r, "/v2/").statusCode()).isEqualTo(500);
    }
  }

  @Test
  void tokenEndpoint_canFailToo() throws Exception {
    try (FakeRegistry r =
        FakeRegistry.builder()
            .auth(AuthMode.TOKEN)
            .user("u", "p")
            .fault(Fault.status(503).on(Endpoint.TOKEN))
            .start()) {
      HttpResponse<byte[]> token =
          Http.get(r, "/token?service=registrykit-fake&scope=repository:a/b:pull");
      assertThat(token.statusCode()).isEqualTo(503);
      assertThat(
              Http.get(r, "/token?service=registrykit-fake&scope=repository:a/b:pull").statusCode())
          .isEqualTo(200);
    }
  }

  @Test
  void fault_factories_validate() {
    assertThatThrownBy(() -> Fault.status(200)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Fault.status(500).times(0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Fault.warning("a \"quote\""))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Fault.slowBody(0)).isInstanceOf(IllegalArgumentException.class);
    assertThat(Fault.status(503).on(EndpointFamily.BLOBS).times(2).toString())
        .isEqualTo("Fault[STATUS 503 on [BLOBS] x2]");
  }
}
