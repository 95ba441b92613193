package dev.registrykit.client.internal.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.registrykit.client.errors.PlainHttpRegistryException;
import dev.registrykit.client.errors.RegistryException;
import dev.registrykit.client.errors.RegistryTlsException;
import java.io.IOException;
import java.net.URI;
import java.security.cert.CertificateException;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

class SchemeSelectionTest {
  private final Sessions sessions = new Sessions(registry -> Optional.empty());

  private SchemeSelection selection(List<String> plainHttp, Answers pings) {
    return new SchemeSelection(
        sessions, new InsecureAccess(plainHttp, List.of(), false), pings, pings);
  }

  private SchemeSelection insecure(String registry, Answers pings) {
    return new SchemeSelection(
        sessions, new InsecureAccess(List.of(), List.of(registry), false), pings, pings);
  }

  private static SSLHandshakeException untrusted() {
    SSLHandshakeException handshake = new SSLHandshakeException("PKIX path building failed");
    handshake.initCause(new CertificateException("untrusted"));
    return handshake;
  }

  private static Call get(String path) {
    return CallBuilder.builder("GET", "registry.example", path).build();
  }

  @Test
  void https_isTheDefault_andThePingsChallengeIsLearnt() throws IOException {
    Answers pings = new Answers().then(401, "", "WWW-Authenticate", "Basic realm=\"registry\"");
    Answers next = new Answers().then(200, "");
    selection(List.of(), pings).handle(get("/v2/x/tags/list"), next).close();
    selection(List.of(), pings).handle(get("/v2/x/tags/list"), next).close();

    assertThat(pings.calls).hasSize(1);
    assertThat(pings.calls.get(0).target()).isEqualTo(URI.create("https://registry.example/v2/"));
    assertThat(next.calls.get(0).target())
        .isEqualTo(URI.create("https://registry.example/v2/x/tags/list"));
    assertThat(sessions.of("registry.example").challenge).isPresent();
  }

  @Test
  void namedRegistry_isPlainHttp_withoutTryingTls() throws IOException {
    Answers pings = new Answers().then(200, "");
    Answers next = new Answers().then(200, "");
    selection(List.of("registry.example"), pings).handle(get("/v2/"), next).close();
    assertThat(pings.calls).extracting(c -> c.target().getScheme()).containsExactly("http");
    assertThat(next.calls.get(0).target().getScheme()).isEqualTo("http");
  }

  @Test
  void untrustedCertificate_neverFallsBackToPlainHttp() {
    Answers pings = new Answers().thenFail(untrusted());
    assertThatThrownBy(() -> selection(List.of(), pings).handle(get("/v2/"), new Answers()))
        .isInstanceOf(RegistryTlsException.class)
        .hasMessageContaining("never falls back to plain HTTP")
        .hasMessageContaining("insecureRegistries(Registry.parse(\"registry.example\"))");
    assertThat(pings.calls).hasSize(1);
  }

  @Test
  void insecureRegistry_isHttpsFirst() throws IOException {
    Answers pings = new Answers().then(200, "");
    Answers next = new Answers().then(200, "");
    insecure("registry.example", pings).handle(get("/v2/"), next).close();
    assertThat(pings.calls).extracting(c -> c.target().getScheme()).containsExactly("https");
    assertThat(next.calls.get(0).target().getScheme()).isEqualTo("https");
  }

  @Test
  void insecureRegistry_speakingPlainHttp_fallsBackToIt() throws IOException {
    Answers pings =
        new Answers()
            .thenFail(new SSLHandshakeException("Unsupported or unrecognized SSL message"))
            .then(200, "");
    Answers next = new Answers().then(200, "");
    insecure("registry.example", pings).handle(get("/v2/x/tags/list"), next).close();
    assertThat(pings.calls)
        .extracting(c -> c.target().toString())
        .containsExactly("https://registry.example/v2/", "http://registry.example/v2/");
    assertThat(next.calls.get(0).target())
        .isEqualTo(URI.create("http://registry.example/v2/x/tags/list"));
  }

  @Test
  void insecureRegistry_whoseTlsAnswersPlainRequestsWith400_isATlsFailure() {
    // A transport that cannot skip verification: the plain probe reaches the TLS port.
    Answers pings = new Answers().thenFail(untrusted()).then(400, "");
    assertThatThrownBy(() -> insecure("registry.example", pings).handle(get("/v2/"), new Answers()))
        .isInstanceOf(RegistryTlsException.class)
        .hasMessageContaining("TLS handshake with registry.example failed");
    assertThat(pings.calls).hasSize(2);
  }

  @Test
  void anotherRegistryThanTheInsecureOne_keepsVerification() {
    Answers pings = new Answers().thenFail(untrusted());
    assertThatThrownBy(() -> insecure("other.example", pings).handle(get("/v2/"), new Answers()))
        .isInstanceOf(RegistryTlsException.class)
        .hasMessageContaining("never falls back to plain HTTP");
    assertThat(pings.calls).hasSize(1);
  }

  @Test
  void publicRegistrySpeakingPlainHttp_needsToBeNamed() {
    Answers pings =
        new Answers()
            .thenFail(new SSLHandshakeException("Unsupported or unrecognized SSL message"))
            .then(200, "");
    assertThatThrownBy(() -> selection(List.of(), pings).handle(get("/v2/"), new Answers()))
        .isInstanceOf(PlainHttpRegistryException.class)
        .hasMessageContaining("plainHttp(Registry.parse(\"registry.example\"))");
  }

  @Test
  void absoluteTargetOnAnotherHost_isRefused() {
    Answers pings = new Answers().then(200, "");
    Answers next = new Answers().then(200, "");
    assertThatThrownBy(
            () ->
                selection(List.of(), pings)
                    .handle(get("https://elsewhere.example/v2/x/blobs/uploads/1"), next))
        .isInstanceOf(RegistryException.class)
        .hasMessageContaining("not on registry registry.example");
    assertThat(next.calls).isEmpty();
  }
}
