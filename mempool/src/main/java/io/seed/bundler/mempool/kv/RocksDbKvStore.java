package io.seed.bundler.mempool.kv;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.DBOptions;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/**
 * A {@link KvStore} in a RocksDB directory: one column family per schema column, variables in the
 * default column family. Opening never changes an existing database unless its schema version is
 * the one this code understands.
 */
public final class RocksDbKvStore implements KvStore {
  private final Path directory;
  private final RocksDB db;
  private final DBOptions dbOptions;
  private final ColumnFamilyOptions columnOptions;
  private final WriteOptions writeOptions;
  private final WriteOptions unsyncedWriteOptions = new WriteOptions().setSync(false);
  private final ColumnFamilyHandle defaultFamily;
  private final List<ColumnFamilyHandle> handles;
  private final Map<Integer, ColumnFamilyHandle> columns;
  /** Guards the native handles: operations hold it shared, close() exclusively. */
  private final ReentrantReadWriteLock closeLock = new ReentrantReadWriteLock();
  private boolean closed;

  private RocksDbKvStore(
      Path directory,
      RocksDB db,
      DBOptions dbOptions,
      ColumnFamilyOptions columnOptions,
      WriteOptions writeOptions,
      List<ColumnFamilyHandle> handles) {
    this.directory = directory;
    this.db = db;
    this.dbOptions = dbOptions;
    this.columnOptions = columnOptions;
    this.writeOptions = writeOptions;
    this.handles = handles;
    this.defaultFamily = handles.get(0);
    this.columns = new HashMap<>();
    for (ColumnFamilyHandle handle : handles.subList(1, handles.size())) {
      columns.put(Integer.parseInt(familyName(handle)), handle);
    }
  }

  /**
   * Opens the store in {@code directory}, creating it (and writing the schema version) when the
   * directory holds no database.
   *
   * @throws KvStoreException when the database cannot be opened (locked by another process,
   *     unreadable, corrupt) or was written with another schema version; nothing is changed then
   */
  public static RocksDbKvStore open(Path directory, KvSchema schema, SyncMode syncMode) {
    Objects.requireNonNull(schema, "schema");
    Objects.requireNonNull(syncMode, "syncMode");
    RocksDB.loadLibrary();
    boolean exists = Files.exists(directory.resolve("CURRENT"));
    try {
      Files.createDirectories(directory);
    } catch (IOException e) {
      throw new KvStoreException("cannot create the database directory " + directory + ": " + e, e);
    }
    if (!exists) {
      requireEmpty(directory);
    }
    DBOptions dbOptions =
        new DBOptions().setCreateIfMissing(!exists).setCreateMissingColumnFamilies(true);
    ColumnFamilyOptions columnOptions = new ColumnFamilyOptions();
    WriteOptions writeOptions = new WriteOptions().setSync(syncMode == SyncMode.DURABLE);
    List<ColumnFamilyHandle> handles = new ArrayList<>();
    RocksDB db;
    try {
      List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
      for (byte[] name : familyNames(directory, exists, schema)) {
        descriptors.add(new ColumnFamilyDescriptor(name, columnOptions));
      }
      db = RocksDB.open(dbOptions, directory.toString(), descriptors, handles);
    } catch (RocksDBException e) {
      closeAll(writeOptions, columnOptions, dbOptions);
      throw new KvStoreException(
          "cannot open the database at " + directory + ": " + describe(e)
              + " (is another bundler using it, or is it not a bundler database?)",
          e);
    }
    RocksDbKvStore store =
        new RocksDbKvStore(directory, db, dbOptions, columnOptions, writeOptions, handles);
    try {
      store.checkSchemaVersion(schema, exists);
      return store;
    } catch (RuntimeException e) {
      store.close();
      throw e;
    }
  }

  /** Every existing column family plus every one the schema declares, the default first. */
  private static List<byte[]> familyNames(Path directory, boolean exists, KvSchema schema)
      throws RocksDBException {
    Set<String> names = new LinkedHashSet<>();
    names.add(new String(RocksDB.DEFAULT_COLUMN_FAMILY, StandardCharsets.UTF_8));
    if (exists) {
      try (Options options = new Options()) {
        for (byte[] name : RocksDB.listColumnFamilies(options, directory.toString())) {
          names.add(new String(name, StandardCharsets.UTF_8));
        }
      }
    }
    for (KvColumn<?, ?> column : schema.columns()) {
      names.add(column.familyName());
    }
    return names.stream().map(name -> name.getBytes(StandardCharsets.UTF_8)).toList();
  }

  /** A directory that holds files but no database is someone else's: never write into it. */
  private static void requireEmpty(Path directory) {
    try (var entries = Files.list(directory)) {
      if (entries.findAny().isPresent()) {
        throw new KvStoreException(
            "the directory " + directory + " is not empty and holds no database; refusing to"
                + " create one there");
      }
    } catch (IOException e) {
      throw new KvStoreException("cannot read the directory " + directory + ": " + e, e);
    }
  }

  private void checkSchemaVersion(KvSchema schema, boolean existed) {
    Optional<Integer> stored = get(schema.versionVariable());
    if (stored.isEmpty()) {
      if (existed) {
        throw new KvStoreException(
            "the database at " + directory + " has no schema version: it was not written by this"
                + " bundler; refusing to use it (nothing was changed)");
      }
      try (KvTransaction tx = startTransaction()) {
        tx.put(schema.versionVariable(), schema.version());
        tx.commit();
      }
    } else if (stored.get() != schema.version()) {
      throw new KvStoreException(
          "the database at " + directory + " has schema version " + stored.get()
              + " but this bundler reads only version " + schema.version()
              + "; refusing to use it (nothing was changed): run the bundler release that wrote it,"
              + " or move the directory aside to start empty");
    }
  }

  @Override
  public <T> Optional<T> get(KvVariable<T> variable) {
    byte[] raw = withOpenDb(() -> {
      try {
        return db.get(defaultFamily, variable.key());
      } catch (RocksDBException e) {
        throw new KvStoreException("cannot read " + variable.name() + ": " + describe(e), e);
      }
    });
    return raw == null
        ? Optional.empty()
        : Optional.of(decode(variable.serializer(), raw, variable.name()));
  }

  @Override
  public <K, V> Optional<V> get(KvColumn<K, V> column, K key) {
    byte[] raw = withOpenDb(() -> {
      try {
        return db.get(handle(column), column.keySerializer().serialize(key));
      } catch (RocksDBException e) {
        throw new KvStoreException("cannot read " + column.name() + ": " + describe(e), e);
      }
    });
    return raw == null
        ? Optional.empty()
        : Optional.of(decode(column.valueSerializer(), raw, column.name()));
  }

  /** Decodes a stored record; a record that does not decode is corruption, never skipped. */
  private <T> T decode(KvSerializer<T> serializer, byte[] raw, String what) {
    try {
      return serializer.deserialize(raw);
    } catch (KvStoreException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new KvStoreException(
          "the database at " + directory + " holds a corrupt record in " + what + ": "
              + e.getMessage(),
          e);
    }
  }

  @Override
  public <K, V> void forEach(KvColumn<K, V> column, BiConsumer<? super K, ? super V> action) {
    withOpenDb(() -> {
      try (RocksIterator iterator = db.newIterator(handle(column))) {
        for (iterator.seekToFirst(); iterator.isValid(); iterator.next()) {
          action.accept(
              decode(column.keySerializer(), iterator.key(), column.name()),
              decode(column.valueSerializer(), iterator.value(), column.name()));
        }
        iterator.status();
      } catch (RocksDBException e) {
        throw new KvStoreException("cannot read " + column.name() + ": " + describe(e), e);
      }
      return null;
    });
  }

  @Override
  public KvTransaction startTransaction() {
    return new Transaction(writeOptions);
  }

  @Override
  public KvTransaction startUnsyncedTransaction() {
    return new Transaction(unsyncedWriteOptions);
  }

  @Override
  public void close() {
    closeLock.writeLock().lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      for (ColumnFamilyHandle handle : handles) {
        handle.close();
      }
      db.close();
      closeAll(unsyncedWriteOptions, writeOptions, columnOptions, dbOptions);
    } finally {
      closeLock.writeLock().unlock();
    }
  }

  private <T> T withOpenDb(Supplier<T> operation) {
    closeLock.readLock().lock();
    try {
      if (closed) {
        throw new KvStoreException("the database at " + directory + " is closed");
      }
      return operation.get();
    } finally {
      closeLock.readLock().unlock();
    }
  }

  private ColumnFamilyHandle handle(KvColumn<?, ?> column) {
    ColumnFamilyHandle handle = columns.get(column.id());
    if (handle == null) {
      throw new IllegalArgumentException("column " + column.name() + " is not in the schema");
    }
    return handle;
  }

  private static String familyName(ColumnFamilyHandle handle) {
    try {
      return new String(handle.getName(), StandardCharsets.UTF_8);
    } catch (RocksDBException e) {
      throw new KvStoreException("cannot read a column family name: " + describe(e), e);
    }
  }

  private static String describe(RocksDBException e) {
    return String.valueOf(e.getMessage());
  }

  private static void closeAll(AutoCloseable... resources) {
    for (AutoCloseable resource : resources) {
      try {
        resource.close();
      } catch (Exception e) {
        throw new IllegalStateException("cannot release a RocksDB option", e);
      }
    }
  }

  /** A RocksDB write batch applied by one write call. */
  private final class Transaction implements KvTransaction {
    private final WriteBatch batch = new WriteBatch();
    private final WriteOptions options;
    private boolean done;

    Transaction(WriteOptions options) {
      this.options = options;
    }

    @Override
    public <K, V> void put(KvColumn<K, V> column, K key, V value) {
      stage(() -> batch.put(
          handle(column),
          column.keySerializer().serialize(key),
          column.valueSerializer().serialize(value)));
    }

    @Override
    public <K, V> void delete(KvColumn<K, V> column, K key) {
      stage(() -> batch.delete(handle(column), column.keySerializer().serialize(key)));
    }

    @Override
    public <T> void put(KvVariable<T> variable, T value) {
      stage(() -> batch.put(defaultFamily, variable.key(), variable.serializer().serialize(value)));
    }

    @Override
    public void commit() {
      if (done) {
        throw new IllegalStateException("transaction already committed or closed");
      }
      withOpenDb(() -> {
        try {
          db.write(options, batch);
        } catch (RocksDBException e) {
          throw new KvStoreException(
              "cannot write to the database at " + directory + ": " + describe(e), e);
        }
        return null;
      });
      done = true;
      batch.close();
    }

    @Override
    public void close() {
      if (!done) {
        done = true;
        batch.close();
      }
    }

    /** Staging reads a column family handle, so it must not race with close(). */
    private void stage(BatchWrite write) {
      if (done) {
        throw new IllegalStateException("transaction already committed or closed");
      }
      withOpenDb(() -> {
        try {
          write.run();
        } catch (RocksDBException e) {
          throw new KvStoreException("cannot stage a write: " + describe(e), e);
        }
        return null;
      });
    }
  }

  @FunctionalInterface
  private interface BatchWrite {
    void run() throws RocksDBException;
  }
}
