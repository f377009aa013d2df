package dev.cacheinvalidation.agent.pipeline;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

/**
 * The durable journal's on-disk format. A file starts with the 8-byte {@link #MAGIC}; then records, each
 * {@code int length, int crc32(payload), payload}. A payload is {@code long committedAtEpochMillis, int
 * nameCount, names, int patternCount, patterns}, each string an {@code int} byte length and UTF-8 bytes.
 *
 * <p>A record is written with one {@code write} call, so a crash leaves at most the last record torn; a
 * reader stops at the first record that is short or fails its checksum and reports how many bytes it skipped.
 * Stateless; thread-safe.
 */
final class JournalCodec {
  static final byte[] MAGIC = "CIJRNL01".getBytes(StandardCharsets.US_ASCII);
  /** Far above any real record (a pending set is bounded); guards against reading garbage lengths. */
  private static final int MAX_PAYLOAD = 64 << 20;

  private JournalCodec() {}

  /** A record read back: the names and patterns, and the wall-clock commit time. */
  record Entry(long committedAtEpochMillis, List<String> names, List<String> patterns) {}

  /** What a file held: its complete records, and the bytes after the last good one (a torn tail). */
  record Contents(List<Entry> entries, long tornBytes, boolean recognised) {}

  static ByteBuffer encode(Entry entry) {
    List<byte[]> names = utf8(entry.names());
    List<byte[]> patterns = utf8(entry.patterns());
    int payload = 8 + 4 + 4 + sizeOf(names) + sizeOf(patterns);
    ByteBuffer buffer = ByteBuffer.allocate(8 + payload);
    buffer.putInt(payload).putInt(0).putLong(entry.committedAtEpochMillis());
    putAll(buffer, names);
    putAll(buffer, patterns);
    CRC32 crc = new CRC32();
    crc.update(buffer.array(), 8, payload);
    buffer.putInt(4, (int) crc.getValue());
    return buffer.flip();
  }

  static Contents decode(ByteBuffer file) {
    List<Entry> entries = new ArrayList<>();
    if (file.remaining() < MAGIC.length) {
      return new Contents(entries, file.remaining(), file.remaining() == 0);
    }
    for (byte b : MAGIC) {
      if (file.get() != b) {
        return new Contents(entries, file.limit(), false);
      }
    }
    while (file.remaining() > 0) {
      int start = file.position();
      Entry entry = readRecord(file);
      if (entry == null) {
        return new Contents(entries, file.limit() - start, true);
      }
      entries.add(entry);
    }
    return new Contents(entries, 0, true);
  }

  private static Entry readRecord(ByteBuffer file) {
    if (file.remaining() < 8) {
      return null;
    }
    int length = file.getInt();
    int expected = file.getInt();
    if (length < 16 || length > MAX_PAYLOAD || length > file.remaining()) {
      return null;
    }
    CRC32 crc = new CRC32();
    crc.update(file.array(), file.arrayOffset() + file.position(), length);
    if ((int) crc.getValue() != expected) {
      return null;
    }
    ByteBuffer payload = file.slice(file.position(), length);
    file.position(file.position() + length);
    try {
      long committedAt = payload.getLong();
      List<String> names = readStrings(payload);
      List<String> patterns = readStrings(payload);
      return new Entry(committedAt, names, patterns);
    } catch (RuntimeException malformed) {
      return null;
    }
  }

  private static List<String> readStrings(ByteBuffer payload) {
    int count = payload.getInt();
    if (count < 0 || count > payload.remaining() / 4) {
      throw new IllegalArgumentException("bad count");
    }
    List<String> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      int length = payload.getInt();
      if (length < 0 || length > payload.remaining()) {
        throw new IllegalArgumentException("bad length");
      }
      byte[] bytes = new byte[length];
      payload.get(bytes);
      out.add(new String(bytes, StandardCharsets.UTF_8));
    }
    return out;
  }

  private static List<byte[]> utf8(List<String> values) {
    List<byte[]> out = new ArrayList<>(values.size());
    values.forEach(value -> out.add(value.getBytes(StandardCharsets.UTF_8)));
    return out;
  }

  private static int sizeOf(List<byte[]> values) {
    int size = 0;
    for (byte[] value : values) {
      size += 4 + value.length;
    }
    return size;
  }

  private static void putAll(ByteBuffer buffer, List<byte[]> values) {
    buffer.putInt(values.size());
    for (byte[] value : values) {
      buffer.putInt(value.length).put(value);
    }
  }
}
