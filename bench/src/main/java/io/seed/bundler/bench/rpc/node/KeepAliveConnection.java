package io.seed.bundler.bench.rpc.node;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One HTTP/1.1 keep-alive connection that posts prepared JSON bodies and reads whole responses:
 * the least a client can spend per request, so a flood measures the server rather than the
 * client. It understands exactly what the bundler's server sends (a status line, headers with a
 * {@code content-length}, a body) and fails on anything else. Not thread-safe: one per thread.
 */
final class KeepAliveConnection implements AutoCloseable {
  private final Socket socket;
  private final OutputStream out;
  private final InputStream in;
  private final byte[] requestHead;

  KeepAliveConnection(InetSocketAddress server, String path) throws IOException {
    this.socket = new Socket(server.getAddress(), server.getPort());
    socket.setTcpNoDelay(true);
    this.out = socket.getOutputStream();
    this.in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
    this.requestHead = ("POST " + path + " HTTP/1.1\r\nHost: " + server.getHostString() + ":"
        + server.getPort() + "\r\nContent-Type: application/json\r\nContent-Length: ")
        .getBytes(StandardCharsets.US_ASCII);
  }

  /** Posts {@code body} and returns the response body; fails unless the status is 200. */
  byte[] post(byte[] body) throws IOException {
    out.write(requestHead);
    out.write((body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
    out.write(body);
    out.flush();
    return readResponse();
  }

  private byte[] readResponse() throws IOException {
    String status = readLine();
    if (!status.startsWith("HTTP/1.1 200")) {
      throw new IOException("server answered " + status);
    }
    int length = -1;
    for (String header = readLine(); !header.isEmpty(); header = readLine()) {
      int colon = header.indexOf(':');
      if (colon > 0
          && header.substring(0, colon).trim().toLowerCase(Locale.ROOT).equals("content-length")) {
        length = Integer.parseInt(header.substring(colon + 1).trim());
      }
    }
    if (length < 0) {
      throw new IOException("response without content-length");
    }
    byte[] body = in.readNBytes(length);
    if (body.length != length) {
      throw new EOFException("connection closed inside a response body");
    }
    return body;
  }

  private String readLine() throws IOException {
    StringBuilder line = new StringBuilder(64);
    for (int c = in.read(); c != '\n'; c = in.read()) {
      if (c < 0) {
        throw new EOFException("connection closed inside a response head");
      }
      if (c != '\r') {
        line.append((char) c);
      }
    }
    return line.toString();
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
