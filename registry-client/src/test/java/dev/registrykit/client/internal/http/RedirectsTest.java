package dev.registrykit.client.internal.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.registrykit.client.errors.RegistryException;
import dev.registrykit.client.transport.HttpResponse;
import dev.registrykit.client.transport.RequestBody;
import java.io.IOException;
import java.net.URI;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RedirectsTest {
  private final Redirects redirects = new Redirects(new Sessions(registry -> Optional.empty()));

  private static Call authorized(String method, String uri) {
    return CallBuilder.builder(method, "registry.example", uri)
        .header("Authorization", "Bearer secret")
        .header("Cookie", "session=1")
        .build();
  }

  @Test
  void redirectToAnotherHost_carriesNoCredentials() throws IOException {
    Answers next =
        new Answers().then(307, "", "Location", "https://cdn.example/blob?sig=1").then(200, "blob");
    try (HttpResponse response =
        redirects.handle(authorized("GET", "https://registry.example/v2/x/blobs/sha256:1"), next)) {
      assertThat(response.status()).isEqualTo(200);
    }
    Call hop = next.calls.get(1);
    assertThat(hop.target()).isEqualTo(URI.create("https://cdn.example/blob?sig=1"));
    assertThat(hop.headers().firstValue("Authorization")).isEmpty();
    assertThat(hop.headers().firstValue("Cookie")).isEmpty();
  }

  @Test
  void redirectOnTheSameOrigin_keepsTheCredentials() throws IOException {
    Answers next = new Answers().then(307, "", "Location", "/v2/y/blobs/sha256:1").then(200, "");
    redirects
        .handle(authorized("GET", "https://registry.example/v2/x/blobs/sha256:1"), next)
        .close();
    assertThat(next.calls.get(1).headers().firstValue("Authorization")).contains("Bearer secret");
  }

  @Test
  void seeOther_afterPost_continuesAsGetWithoutBody() throws IOException {
    Call post =
        CallBuilder.builder(
                "POST", "registry.example", "https://registry.example/v2/x/blobs/uploads/")
            .body(RequestBody.ofBytes(new byte[] {1}, "application/octet-stream"))
            .followRedirects(true)
            .build();
    Answers next = new Answers().then(303, "", "Location", "/elsewhere").then(200, "");
    redirects.handle(post, next).close();
    assertThat(next.calls.get(1).method()).isEqualTo("GET");
    assertThat(next.calls.get(1).body()).isEmpty();
  }

  @Test
  void bodyThatCannotBeResent_isNotRedirectedWith307() {
    Call put =
        CallBuilder.builder("PUT", "registry.example", "https://registry.example/v2/x/blobs/u")
            .body(Answers.oneShotBody())
            .followRedirects(true)
            .build();
    Answers next = new Answers().then(307, "", "Location", "/v2/x/blobs/v");
    assertThatThrownBy(() -> redirects.handle(put, next))
        .isInstanceOf(RegistryException.class)
        .hasMessageContaining("cannot be sent again");
  }

  @Test
  void moreThanTheMaximumOfHops_fails() {
    Answers next = new Answers().then(302, "", "Location", "/again");
    assertThatThrownBy(
            () -> redirects.handle(Answers.get("https://registry.example/v2/x/tags/list"), next))
        .isInstanceOf(RegistryException.class)
        .hasMessageContaining("more than " + Redirects.MAX_REDIRECTS + " redirects");
    assertThat(next.calls).hasSize(Redirects.MAX_REDIRECTS + 1);
  }

  @Test
  void publicRegistry_toAnInternalAddress_isRefused() {
    Answers next = new Answers().then(302, "", "Location", "http://169.254.169.254/latest/");
    assertThatThrownBy(
            () -> redirects.handle(Answers.get("https://registry.example/v2/x/tags/list"), next))
        .isInstanceOf(RegistryException.class)
        .hasMessageContaining("refusing to follow a redirect");
    assertThat(next.calls).hasSize(1);
  }

  @Test
  void callThatDoesNotFollow_getsTheRedirectItself() throws IOException {
    Call post =
        CallBuilder.builder(
                "POST", "registry.example", "https://registry.example/v2/x/blobs/uploads/")
            .build();
    Answers next = new Answers().then(302, "", "Location", "/v2/x/blobs/uploads/1");
    assertThat(redirects.handle(post, next).status()).isEqualTo(302);
    assertThat(next.calls).hasSize(1);
  }
}
