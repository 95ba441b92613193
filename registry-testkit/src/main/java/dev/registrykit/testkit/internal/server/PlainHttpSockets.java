package dev.registrykit.testkit.internal.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import javax.net.ServerSocketFactory;
import org.jspecify.annotations.Nullable;

/**
 * Server sockets for a plain-HTTP fake that turn a TLS handshake away at once.
 *
 * <p>Clients told a registry is "insecure" (skopeo and Docker with {@code --tls-verify=false}, or
 * an insecure-registries entry) first try HTTPS on the same port and fall back to HTTP when that
 * fails. mockwebserver would read their TLS ClientHello as an HTTP request line and wait for a
 * line end; a ClientHello without a {@code 0x0A} byte (about one handshake in seven from skopeo,
 * measured) then stalls until the client's 10 s handshake timeout. A connection whose first byte is
 * a TLS handshake record (seen by the connection's {@link BodyTap}) gets a plain {@code 400} answer
 * and is closed, so the client fails over to HTTP immediately, as it does against Distribution.
 *
 * <p>The bytes that reach mockwebserver pass through {@link BodyTap#tap}, which also digests request
 * bodies while they arrive and receives large upload bodies itself.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc8446#section-5.1">RFC 8446 §5.1: record layer, content type 22</a>
 */
final class PlainHttpSockets extends ServerSocketFactory {
  private static final byte[] REFUSAL =
      ("HTTP/1.1 400 Bad Request\r\nContent-Type: text/plain; charset=utf-8\r\nConnection: close\r\n\r\n"
              + "400 Bad Request: TLS handshake sent to a plain HTTP registry\n")
          .getBytes(StandardCharsets.US_ASCII);

  @Override
  public ServerSocket createServerSocket() throws IOException {
    return new Server();
  }

  @Override
  public ServerSocket createServerSocket(int port) throws IOException {
    return new Server(port, 50, null);
  }

  @Override
  public ServerSocket createServerSocket(int port, int backlog) throws IOException {
    return new Server(port, backlog, null);
  }

  @Override
  public ServerSocket createServerSocket(int port, int backlog, @Nullable InetAddress address) throws IOException {
    return new Server(port, backlog, address);
  }

  private static final class Server extends ServerSocket {
    Server() throws IOException {}

    Server(int port, int backlog, @Nullable InetAddress address) throws IOException {
      super(port, backlog, address);
    }

    @Override
    public Socket accept() throws IOException {
      if (isClosed()) {
        throw new SocketException("Socket is closed");
      }
      if (!isBound()) {
        throw new SocketException("Socket is not bound yet");
      }
      Socket socket = new Guarded();
      implAccept(socket);
      return socket;
    }
  }

  /** An accepted connection whose request side is read through a {@link BodyTap}. */
  private static final class Guarded extends Socket {
    private @Nullable InputStream input;

    @Override
    public synchronized InputStream getInputStream() throws IOException {
      InputStream current = input;
      if (current == null) {
        current = BodyTap.tap(super.getInputStream(), this::refuseTlsHandshake);
        input = current;
      }
      return current;
    }

    private void refuseTlsHandshake() {
      try {
        OutputStream out = getOutputStream();
        out.write(REFUSAL);
        out.flush();
      } catch (IOException e) {
        // The client may already have given up; closing is all that matters.
      }
      try {
        close();
      } catch (IOException e) {
        // Closed either way.
      }
    }
  }
}
