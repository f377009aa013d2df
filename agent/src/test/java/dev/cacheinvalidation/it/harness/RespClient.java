package dev.cacheinvalidation.it.harness;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A minimal RESP2 client (JDK only), so tests and forked scenarios can seed, inspect and administer a real
 * redis-server (including building a cluster) without any Redis library on their class path. Replies are
 * {@code String} (simple and bulk strings), {@code Long}, {@code List<Object>} or null; an error reply throws.
 * Not thread-safe: one client per thread.
 */
public final class RespClient implements AutoCloseable {
  private final Socket socket;
  private final OutputStream out;
  private final InputStream in;

  public RespClient(String host, int port) throws IOException {
    this.socket = new Socket(host, port);
    socket.setTcpNoDelay(true);
    socket.setSoTimeout(60_000);
    this.out = new BufferedOutputStream(socket.getOutputStream(), 1 << 16);
    this.in = new BufferedInputStream(socket.getInputStream(), 1 << 16);
  }

  public static RespClient to(int port) throws IOException {
    return new RespClient("127.0.0.1", port);
  }

  /** Sends one command and returns its reply. */
  public Object call(String... command) throws IOException {
    write(command);
    out.flush();
    return read();
  }

  /** Sends all commands in one write and returns their replies in order (an error reply throws). */
  public List<Object> pipeline(List<String[]> commands) throws IOException {
    for (String[] command : commands) {
      write(command);
    }
    out.flush();
    List<Object> replies = new ArrayList<>(commands.size());
    for (int i = 0; i < commands.size(); i++) {
      replies.add(read());
    }
    return replies;
  }

  public long callLong(String... command) throws IOException {
    return (Long) call(command);
  }

  private void write(String[] command) throws IOException {
    out.write(('*' + String.valueOf(command.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
    for (String argument : command) {
      byte[] bytes = argument.getBytes(StandardCharsets.UTF_8);
      out.write(('$' + String.valueOf(bytes.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
      out.write(bytes);
      out.write('\r');
      out.write('\n');
    }
  }

  private Object read() throws IOException {
    int type = in.read();
    String line = readLine();
    switch (type) {
      case '+':
        return line;
      case '-':
        throw new IOException("redis error: " + line);
      case ':':
        return Long.parseLong(line);
      case '$': {
        int length = Integer.parseInt(line);
        if (length < 0) {
          return null;
        }
        byte[] bytes = in.readNBytes(length + 2);
        return new String(bytes, 0, length, StandardCharsets.UTF_8);
      }
      case '*': {
        int count = Integer.parseInt(line);
        if (count < 0) {
          return null;
        }
        List<Object> items = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
          items.add(read());
        }
        return items;
      }
      case -1:
        throw new EOFException("connection closed by redis-server");
      default:
        throw new IOException("unexpected RESP type " + (char) type);
    }
  }

  private String readLine() throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    for (int b; (b = in.read()) != -1; ) {
      if (b == '\r') {
        in.read();
        return line.toString(StandardCharsets.UTF_8);
      }
      line.write(b);
    }
    throw new EOFException("connection closed by redis-server");
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
