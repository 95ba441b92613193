package dev.registrykit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

/** Runs a {@link Case} against a registry and checks the answer. */
final class Tables {
  private Tables() {}

  static HttpResponse<byte[]> run(FakeRegistry registry, Case c) throws Exception {
    HttpResponse<byte[]> response =
        Http.send(registry.url(c.path()), c.method(), c.headers(), c.bodyBytes());
    String text = Http.text(response);
    assertThat(response.statusCode()).as("%s; body %s", c, text).isEqualTo(c.status());
    if (c.code().isPresent()) {
      assertThat(text).as("%s", c).contains("\"code\":\"" + c.code().get() + "\"");
      assertThat(response.headers().firstValue("Content-Type"))
          .as("%s", c)
          .hasValue("application/json");
    }
    c.responseHeaders()
        .forEach(
            (name, value) ->
                assertThat(response.headers().allValues(name))
                    .as("%s header %s", c, name)
                    .contains(value));
    assertThat(response.headers().firstValue("Docker-Distribution-API-Version"))
        .as("%s", c)
        .hasValue("registry/2.0");
    return response;
  }
}
