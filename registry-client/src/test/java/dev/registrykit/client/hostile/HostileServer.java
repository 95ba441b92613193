package dev.registrykit.client.hostile;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A raw-socket HTTP/1.1 server on loopback that answers as a hostile registry would: endless
 * bodies, stalls, drips. Each request's head is read, then {@link Behaviour} writes whatever it
 * likes; a write that fails because the client closed the connection ends that connection.
 */
public final class HostileServer implements AutoCloseable {
  /** What to send for one request. */
  @FunctionalInterface
  public interface Behaviour {
    void answer(String requestLine, OutputStream out) throws IOException, InterruptedException;
  }

  private final ServerSocket server;
  private final ExecutorService threads =
      Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "hostile-server");
            t.setDaemon(true);
            return t;
          });
  private final AtomicInteger connections = new AtomicInteger();
  private final AtomicInteger abandoned = new AtomicInteger();

  /** Request lines, in arrival order. */
  public final CopyOnWriteArrayList<String> requests = new CopyOnWriteArrayList<>();

  public HostileServer(Behaviour behaviour) throws IOException {
    server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    threads.execute(
        () -> {
          while (!server.isClosed()) {
            try {
              Socket socket = server.accept();
              connections.incrementAndGet();
              threads.execute(() -> serve(socket, behaviour));
            } catch (IOException e) {
              return;
            }
          }
        });
  }

  private void serve(Socket socket, Behaviour behaviour) {
    try (socket) {
      InputStream in = socket.getInputStream();
      OutputStream out = socket.getOutputStream();
      while (true) {
        String head = readHead(in);
        if (head == null) {
          return;
        }
        String requestLine = head.substring(0, head.indexOf("\r\n"));
        requests.add(requestLine);
        skipBody(head, in);
        behaviour.answer(requestLine, out);
        out.flush();
      }
    } catch (IOException e) {
      abandoned.incrementAndGet(); // the client went away mid-answer
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    for (int b; (b = in.read()) != -1; ) {
      head.write(b);
      matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
      if (matched == 4) {
        return head.toString(StandardCharsets.ISO_8859_1);
      }
    }
    return null;
  }

  private static void skipBody(String head, InputStream in) throws IOException {
    for (String line : head.split("\r\n")) {
      if (line.toLowerCase().startsWith("content-length:")) {
        in.readNBytes(Integer.parseInt(line.substring(15).trim()));
      }
    }
  }

  /** The port on 127.0.0.1. */
  public int port() {
    return server.getLocalPort();
  }

  /** How many connections the client opened. */
  public int connections() {
    return connections.get();
  }

  /** How many answers ended because the client closed the connection while they were written. */
  public int abandoned() {
    return abandoned.get();
  }

  /** Writes a response head. */
  public static void head(OutputStream out, int status, String... headers) throws IOException {
    StringBuilder sb = new StringBuilder("HTTP/1.1 ").append(status).append(" X\r\n");
    for (int i = 0; i < headers.length; i += 2) {
      sb.append(headers[i]).append(": ").append(headers[i + 1]).append("\r\n");
    }
    out.write(sb.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
  }

  /** Writes chunks of {@code chunk} for ever (until the client goes away). */
  public static void endlessChunks(OutputStream out, byte[] chunk) throws IOException {
    byte[] size =
        (Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
    while (true) {
      out.write(size);
      out.write(chunk);
      out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
    }
  }

  /** Waits for ever, or until the test ends. */
  public static void stall() throws InterruptedException {
    Thread.sleep(Long.MAX_VALUE);
  }

  @Override
  public void close() throws IOException {
    threads.shutdownNow();
    server.close();
  }
}
