package dev.registrykit.client.internal.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.registrykit.client.errors.RegistryException;
import dev.registrykit.client.errors.RegistryTlsException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.security.cert.CertificateException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

class FailureMappingTest {
  private final FailureMapping mapping = new FailureMapping();
  private final Call get = Answers.get("https://registry.example/v2/x/tags/list?last=secret");

  @Test
  void refusedConnection_isNamedWithTheOperation() {
    Answers next = new Answers().thenFail(new ConnectException("Connection refused"));
    assertThatThrownBy(() -> mapping.handle(get, next))
        .isExactlyInstanceOf(RegistryException.class)
        .hasMessageContaining("GET x")
        .hasMessageContaining("cannot connect: Connection refused");
  }

  @Test
  void failureTheRetriesDidNotOvercome_saysHowOftenItWasTried() {
    Answers next =
        new Answers().thenFail(new Retry.Exhausted(3, new SocketException("Connection reset")));
    assertThatThrownBy(() -> mapping.handle(get, next))
        .hasMessageContaining("connection failed: Connection reset (after 3 attempts)")
        .hasCauseInstanceOf(SocketException.class);
  }

  @Test
  void timeout_saysTheRegistryStoppedAnswering() {
    Answers next = new Answers().thenFail(new SocketTimeoutException("Read timed out"));
    assertThatThrownBy(() -> mapping.handle(get, next))
        .hasMessageContaining("timed out: Read timed out (the registry stopped answering)");
  }

  @Test
  void untrustedCertificate_isTls() {
    SSLHandshakeException handshake = new SSLHandshakeException("PKIX path building failed");
    handshake.initCause(new CertificateException("unable to find valid certification path"));
    Answers next = new Answers().thenFail(handshake);
    assertThatThrownBy(() -> mapping.handle(get, next))
        .isInstanceOf(RegistryTlsException.class)
        .hasMessageContaining("a TLS certificate is not trusted");
  }

  @Test
  void typedFailuresAndInterruptions_passThrough() {
    RegistryException decided = new RegistryException("GET x", "decided inside");
    assertThatThrownBy(() -> mapping.handle(get, new Answers().thenFail(decided)))
        .isSameAs(decided);
    InterruptedIOException interrupted = new InterruptedIOException("interrupted");
    assertThatThrownBy(() -> mapping.handle(get, new Answers().thenFail(interrupted)))
        .isSameAs(interrupted);
  }

  @Test
  void messages_neverCarryAQueryString() {
    Answers next =
        new Answers().thenFail(new SocketException("reset by https://cdn.example/b?sig=SECRET"));
    assertThatThrownBy(() -> mapping.handle(get, next)).hasMessageNotContaining("SECRET");
  }

  @Test
  void retryable_areResetsTimeoutsAndTruncations_notRefusalsOrTls() {
    assertThat(FailureMapping.isRetryable(new SocketException("reset"))).isTrue();
    assertThat(FailureMapping.isRetryable(new SocketTimeoutException("t"))).isTrue();
    assertThat(FailureMapping.isRetryable(new java.io.EOFException())).isTrue();
    assertThat(FailureMapping.isRetryable(new ConnectException("refused"))).isFalse();
    assertThat(FailureMapping.isRetryable(new SSLHandshakeException("x"))).isFalse();
    assertThat(FailureMapping.isRetryable(new InterruptedIOException())).isFalse();
  }
}
