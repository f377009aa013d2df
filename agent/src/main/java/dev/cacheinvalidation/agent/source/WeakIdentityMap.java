package dev.cacheinvalidation.agent.source;

import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.function.Function;

/**
 * A map from objects, compared by identity and held weakly, to values: the per-statement, per-connection and
 * per-session state of detection, which must never keep the application's objects alive nor call their
 * {@code equals}/{@code hashCode}.
 *
 * <p>Why not a Caffeine cache with weak keys: a JPA transaction on a pooled connection makes about five of
 * these calls (remember the prepared INSERT, find it at execute, open the proxy connection's state, look it up
 * at commit, drop it at close), and Caffeine's bounded cache adds to each a lookup-key allocation, buffer
 * writes and a maintenance pass on the calling thread: a few microseconds per transaction on a busy machine.
 * Here a call is one identity hash, one uncontended monitor and a short chain walk.
 *
 * <p>Entries whose key was collected are purged on the next write to their stripe. Thread-safety: the map is
 * split into stripes, each guarded by its own monitor; values are published through it. Null keys and values
 * are not allowed.
 */
public final class WeakIdentityMap<V> {
  private static final int STRIPES = 16; // a power of two
  private static final int INITIAL_CAPACITY = 16; // per stripe, a power of two

  private final Stripe<V>[] stripes;

  @SuppressWarnings("unchecked")
  public WeakIdentityMap() {
    stripes = new Stripe[STRIPES];
    for (int i = 0; i < STRIPES; i++) {
      stripes[i] = new Stripe<>();
    }
  }

  /** The value of {@code key}, or null. */
  public V get(Object key) {
    int hash = hash(key);
    return stripe(hash).get(key, hash);
  }

  /** Maps {@code key} to {@code value}, replacing any value it had. */
  public void put(Object key, V value) {
    int hash = hash(key);
    stripe(hash).put(key, hash, value, true);
  }

  /**
   * The value of {@code key}, computing and storing it when there is none. The function runs outside the
   * stripe's lock (it may call the application's objects); when two threads race, the first stored value wins.
   */
  public V computeIfAbsent(Object key, Function<Object, V> compute) {
    int hash = hash(key);
    Stripe<V> stripe = stripe(hash);
    V existing = stripe.get(key, hash);
    if (existing != null) {
      return existing;
    }
    return stripe.put(key, hash, compute.apply(key), false);
  }

  /** Removes {@code key}; returns its value, or null. */
  public V remove(Object key) {
    int hash = hash(key);
    return stripe(hash).remove(key, hash);
  }

  /** The number of entries, counting ones whose key was collected but not yet purged. For tests. */
  public int size() {
    int size = 0;
    for (Stripe<V> stripe : stripes) {
      synchronized (stripe) {
        stripe.purge();
        size += stripe.size;
      }
    }
    return size;
  }

  private static int hash(Object key) {
    int h = System.identityHashCode(key);
    return h ^ (h >>> 16);
  }

  private Stripe<V> stripe(int hash) {
    // The low bits pick the slot within a stripe; the high ones pick the stripe.
    return stripes[(hash >>> 24) & (STRIPES - 1)];
  }

  private static final class Entry<V> extends WeakReference<Object> {
    final int hash;
    V value;
    Entry<V> next;

    Entry(Object key, int hash, V value, Entry<V> next, ReferenceQueue<Object> queue) {
      super(key, queue);
      this.hash = hash;
      this.value = value;
      this.next = next;
    }
  }

  /** One stripe: a chained hash table guarded by its own monitor. */
  private static final class Stripe<V> {
    private final ReferenceQueue<Object> collected = new ReferenceQueue<>();
    @SuppressWarnings("unchecked")
    private Entry<V>[] table = new Entry[INITIAL_CAPACITY];
    private int size;

    synchronized V get(Object key, int hash) {
      for (Entry<V> e = table[hash & (table.length - 1)]; e != null; e = e.next) {
        if (e.hash == hash && e.get() == key) {
          return e.value;
        }
      }
      return null;
    }

    /** Stores the value (or, when {@code replace} is false and the key is present, keeps the old one). */
    synchronized V put(Object key, int hash, V value, boolean replace) {
      purge();
      int index = hash & (table.length - 1);
      for (Entry<V> e = table[index]; e != null; e = e.next) {
        if (e.hash == hash && e.get() == key) {
          if (replace) {
            e.value = value;
          }
          return e.value;
        }
      }
      table[index] = new Entry<>(key, hash, value, table[index], collected);
      if (++size > table.length - (table.length >>> 2)) {
        resize();
      }
      return value;
    }

    synchronized V remove(Object key, int hash) {
      int index = hash & (table.length - 1);
      Entry<V> previous = null;
      for (Entry<V> e = table[index]; e != null; previous = e, e = e.next) {
        if (e.hash == hash && e.get() == key) {
          unlink(index, previous, e);
          e.clear(); // a cleared reference is never enqueued, so purge() will not look for it again
          return e.value;
        }
      }
      return null;
    }

    /** Drops the entries whose keys were collected. Caller holds the monitor. */
    @SuppressWarnings("unchecked")
    void purge() {
      for (Reference<?> ref; (ref = collected.poll()) != null; ) {
        Entry<V> dead = (Entry<V>) ref;
        int index = dead.hash & (table.length - 1);
        Entry<V> previous = null;
        for (Entry<V> e = table[index]; e != null; previous = e, e = e.next) {
          if (e == dead) {
            unlink(index, previous, e);
            e.value = null;
            break;
          }
        }
      }
    }

    private void unlink(int index, Entry<V> previous, Entry<V> e) {
      if (previous == null) {
        table[index] = e.next;
      } else {
        previous.next = e.next;
      }
      size--;
    }

    @SuppressWarnings("unchecked")
    private void resize() {
      Entry<V>[] old = table;
      Entry<V>[] grown = new Entry[old.length * 2];
      for (Entry<V> head : old) {
        for (Entry<V> e = head; e != null; ) {
          Entry<V> next = e.next;
          int index = e.hash & (grown.length - 1);
          e.next = grown[index];
          grown[index] = e;
          e = next;
        }
      }
      table = grown;
    }
  }
}
