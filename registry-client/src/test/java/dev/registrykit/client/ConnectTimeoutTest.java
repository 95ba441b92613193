package dev.registrykit.client;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.registrykit.client.config.RetryPolicy;
import dev.registrykit.client.transport.apache.ApacheHttpTransport;
import dev.registrykit.core.reference.Registry;
import dev.registrykit.core.reference.Repository;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A registry whose TCP connect never completes: the client gives up after its connect timeout and
 * says it was connecting. The registry is a listening socket that never accepts and whose accept
 * backlog is already full, so Linux drops further SYNs and {@code connect} hangs (the next SYN
 * retransmission is a second away, far beyond the 200 ms timeout). Without a connect timeout the
 * call would wait for the kernel's SYN retries (about two minutes) and hit the class timeout.
 */
@Timeout(value = 15, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ConnectTimeoutTest {
  private ServerSocket listener;
  private final List<Socket> queued = new ArrayList<>();

  @BeforeEach
  void fillTheBacklog() throws IOException {
    listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
    InetSocketAddress address = (InetSocketAddress) listener.getLocalSocketAddress();
    // The kernel completes handshakes into the accept queue until it is full; the first connect
    // that does not complete proves the queue is full. Bounded: a backlog of 1 holds 2.
    for (int i = 0; i < 64; i++) {
      Socket socket = new Socket();
      try {
        socket.connect(address, 200);
      } catch (SocketTimeoutException full) {
        socket.close();
        return;
      }
      queued.add(socket);
    }
    throw new IllegalStateException("the accept backlog never filled up");
  }

  @AfterEach
  void close() throws IOException {
    for (Socket socket : queued) {
      socket.close();
    }
    listener.close();
  }

  @Test
  void connectThatNeverCompletes_failsAfterTheConnectTimeout_sayingConnect() throws Exception {
    Registry registry = Registry.parse("127.0.0.1:" + listener.getLocalPort());
    try (ApacheHttpTransport transport =
            ApacheHttpTransport.builder()
                .noSystemProxy()
                .connectTimeout(Duration.ofMillis(200))
                .build();
        RegistryClient client =
            RegistryClient.builder()
                .plainHttp(registry)
                .transport(transport)
                .retryPolicy(RetryPolicy.none())
                .build()) {

      assertThatThrownBy(() -> client.listTags(Repository.of(registry, "app")))
          .isInstanceOf(IOException.class)
          .hasMessageContaining("connect");
    }
  }
}
