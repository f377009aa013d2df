package dev.cacheinvalidation.samples.redisbenchmark;

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
 * A bare RESP2 connection for the baselines and the set-up: no library between the benchmark and Redis, so
 * the SCAN floor is as low as a client can make it. Replies: String, Long, List or null; errors throw.
 * Not thread-safe.
 */
final class Resp implements AutoCloseable {
  private final Socket socket;
  private final OutputStream out;
  private final InputStream in;

  Resp(int port) throws IOException {
    socket = new Socket("127.0.0.1", port);
    socket.setTcpNoDelay(true);
    out = new BufferedOutputStream(socket.getOutputStream(), 1 << 16);
    in = new BufferedInputStream(socket.getInputStream(), 1 << 16);
  }

  Object call(String... command) throws IOException {
    send(command);
    out.flush();
    return read();
  }

  /** Writes every command, flushes once, reads every reply. */
  List<Object> pipeline(List<String[]> commands) throws IOException {
    for (String[] command : commands) {
      send(command);
    }
    out.flush();
    List<Object> replies = new ArrayList<>(commands.size());
    for (int i = 0; i < commands.size(); i++) {
      replies.add(read());
    }
    return replies;
  }

  private void send(String[] command) throws IOException {
    out.write(("*" + command.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
    for (String argument : command) {
      byte[] bytes = argument.getBytes(StandardCharsets.UTF_8);
      out.write(("$" + bytes.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
      out.write(bytes);
      out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
    }
  }

  private Object read() throws IOException {
    int type = in.read();
    String line = line();
    switch (type) {
      case '+':
        return line;
      case '-':
        throw new IOException("redis: " + line);
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
        List<Object> items = new ArrayList<>(Math.max(count, 0));
        for (int i = 0; i < count; i++) {
          items.add(read());
        }
        return count < 0 ? null : items;
      }
      default:
        throw new EOFException("unexpected reply type " + type);
    }
  }

  private String line() throws IOException {
    ByteArrayOutputStream text = new ByteArrayOutputStream(32);
    for (int b; (b = in.read()) != -1; ) {
      if (b == '\r') {
        in.read();
        return text.toString(StandardCharsets.UTF_8);
      }
      text.write(b);
    }
    throw new EOFException("connection closed");
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
