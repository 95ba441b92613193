package dev.registrykit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Builder options: HTTPS with a generated CA, host name, read-only mode, referrers off. */
@Timeout(60)
class OptionsTest {
  private static final Seed SEED = new Seed();

  @Test
  void https_clientsTrustTheGeneratedCa() throws Exception {
    try (FakeRegistry registry = FakeRegistry.builder().tls(true).start()) {
      assertThat(registry.baseUri().getScheme()).isEqualTo("https");
      assertThat(registry.caCertificatePem())
          .hasValueSatisfying(pem -> assertThat(pem).startsWith("-----BEGIN CERTIFICATE-----"));
      HttpClient trusting =
          HttpClient.newBuilder().sslContext(registry.sslContext().orElseThrow()).build();
      assertThat(
              Http.send(trusting, registry.url("/v2/"), "GET", Map.of(), new byte[0]).statusCode())
          .isEqualTo(200);
      assertThat(registry.trustManager()).isPresent();
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> Http.get(registry, "/v2/"))
          .isInstanceOf(java.io.IOException.class);
    }
  }

  @Test
  void plainHttp_hasNoTlsMaterial() throws Exception {
    try (FakeRegistry registry = FakeRegistry.start()) {
      assertThat(registry.sslContext()).isEmpty();
      assertThat(registry.caCertificatePem()).isEmpty();
      assertThat(registry.host()).startsWith("localhost:");
      assertThat(registry.registry().toString()).isEqualTo(registry.host());
      assertThat(registry.reference("team/app:v1").toString())
          .isEqualTo(registry.host() + "/team/app:v1");
      assertThat(registry.repository("team/app").name()).isEqualTo(registry.host() + "/team/app");
    }
  }

  @Test
  void hostName_isUsedInBaseUriAndRealm() throws Exception {
    try (FakeRegistry registry =
        FakeRegistry.builder()
            .hostName("registry.test")
            .auth(AuthMode.TOKEN)
            .user("u", "p")
            .start()) {
      assertThat(registry.baseUri().toString())
          .isEqualTo("http://registry.test:" + registry.port());
      java.net.URI direct =
          java.net.URI.create("http://127.0.0.1:" + registry.port() + "/v2/team/app/tags/list");
      HttpResponse<byte[]> r = Http.send(direct, "GET", Map.of(), new byte[0]);
      assertThat(r.headers().firstValue("WWW-Authenticate"))
          .get()
          .asString()
          .contains("realm=\"http://registry.test:" + registry.port() + "/token\"");
      assertThat(registry.blobServerUri().getHost()).isEqualTo("127.0.0.1");
    }
  }

  @Test
  void readOnly_refusesWrites_servesReads() throws Exception {
    try (FakeRegistry registry = FakeRegistry.builder().readOnly(true).start()) {
      SEED.into(registry);
      assertThat(Http.get(registry, "/v2/team/app/manifests/v1").statusCode()).isEqualTo(200);
      for (String[] write :
          new String[][] {
            {"POST", "/v2/team/app/blobs/uploads/"},
            {"DELETE", "/v2/team/app/manifests/v1"},
            {"PUT", "/v2/team/app/manifests/v2"},
            {"DELETE", "/v2/team/app/blobs/" + SEED.layerDigest}
          }) {
        HttpResponse<byte[]> r =
            Http.send(
                registry.url(write[1]),
                write[0],
                Map.of("Content-Type", Seed.OCI_MANIFEST),
                SEED.manifest);
        assertThat(r.statusCode()).as(write[0] + " " + write[1]).isEqualTo(405);
        assertThat(Http.text(r)).contains("UNSUPPORTED");
      }
      assertThat(registry.tags("team/app")).containsExactly("latest", "multi", "v1");
      assertThat(registry.unexpected()).isEmpty();
    }
  }

  @Test
  void referrersOff_plainNotFound_andNoOciSubject() throws Exception {
    try (FakeRegistry registry = FakeRegistry.builder().referrers(false).start()) {
      SEED.into(registry);
      HttpResponse<byte[]> r = Http.get(registry, "/v2/team/app/referrers/" + SEED.manifestDigest);
      assertThat(r.statusCode()).isEqualTo(404);
      assertThat(r.headers().firstValue("Content-Type")).get().asString().startsWith("text/plain");
      assertThat(Http.text(r)).isEqualTo("404 page not found\n");
      HttpResponse<byte[]> put =
          Http.send(
              registry.url("/v2/team/app/manifests/" + SEED.signatureDigest),
              "PUT",
              Map.of("Content-Type", Seed.OCI_MANIFEST),
              SEED.signature);
      assertThat(put.statusCode()).isEqualTo(201);
      assertThat(put.headers().firstValue("OCI-Subject")).isEmpty();
    }
  }

  @Test
  void journal_recordsHeadersRedactingAuthorization() throws Exception {
    try (FakeRegistry registry = FakeRegistry.start()) {
      Http.send(
          registry.url("/v2/team/app/tags/list?n=1"),
          "GET",
          Map.of("Authorization", "Bearer topsecret", "X-Trace", "42"),
          new byte[0]);
      RecordedExchange e = registry.requests().get(0);
      assertThat(e.endpoint()).hasValue(Endpoint.END_8B);
      assertThat(e.repository()).hasValue("team/app");
      assertThat(e.query()).hasValue("n=1");
      assertThat(e.status()).isEqualTo(404);
      assertThat(e.errorCode()).hasValue(dev.registrykit.core.distribution.ErrorCode.NAME_UNKNOWN);
      assertThat(e.hasAuthorization()).isTrue();
      assertThat(e.header("authorization")).hasValue(RecordedExchange.REDACTED);
      assertThat(e.header("X-Trace")).hasValue("42");
      assertThat(e.toString()).isEqualTo("GET /v2/team/app/tags/list?n=1 -> 404 NAME_UNKNOWN");
      registry.clearRequests();
      assertThat(registry.requests()).isEmpty();
    }
  }
}
