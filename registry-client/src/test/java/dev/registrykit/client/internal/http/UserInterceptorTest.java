package dev.registrykit.client.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.registrykit.client.transport.HttpResponse;
import dev.registrykit.client.transport.Interceptor;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class UserInterceptorTest {
  private final Call get = Answers.get("https://registry.example/v2/x/tags/list");

  @Test
  void interceptorsRunInOrder_afterTheUserAgent_andTheirRewritesReachTheTransport()
      throws IOException {
    Interceptor first = chain -> chain.proceed(chain.request().withHeader("X-Trace", "1"));
    Interceptor second =
        chain -> {
          assertThat(chain.request().headers().firstValue("X-Trace")).contains("1");
          assertThat(chain.request().headers().firstValue("User-Agent")).contains("agent/1");
          return chain.proceed(chain.request().withHeader("X-Second", "2"));
        };
    Answers transport = new Answers().then(200, "");
    Step.Chain chain =
        Step.Chain.of(
            List.of(
                new UserAgent("agent/1"), new UserInterceptor(first), new UserInterceptor(second)),
            transport);

    try (HttpResponse response = chain.proceed(get)) {
      assertThat(response.status()).isEqualTo(200);
    }
    Call sent = transport.calls.get(0);
    assertThat(sent.headers().firstValue("X-Trace")).contains("1");
    assertThat(sent.headers().firstValue("X-Second")).contains("2");
    assertThat(sent.operation()).isEqualTo(get.operation());
    assertThat(sent.scopes()).isEqualTo(get.scopes());
  }

  @Test
  void interceptorMayAnswerItself_andTheTransportIsNotCalled() throws IOException {
    Interceptor cache = chain -> Answers.response(get, 304, "");
    Answers transport = new Answers().then(200, "");
    Step.Chain chain = Step.Chain.of(List.of(new UserInterceptor(cache)), transport);
    assertThat(chain.proceed(get).status()).isEqualTo(304);
    assertThat(transport.calls).isEmpty();
  }
}
