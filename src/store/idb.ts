/** Opening an IndexedDB database once per page, with the store layout created on upgrade. */

/** Object stores to create: name → options (keyPath / autoIncrement), or null for out-of-line keys. */
export type StoreLayout = Record<string, IDBObjectStoreParameters | null>;

/** A lazily opened database; a failed open is retried on the next call. */
export function lazyDatabase(name: string, version: number, layout: StoreLayout): () => Promise<IDBDatabase> {
  let db: Promise<IDBDatabase> | null = null;
  return () => {
    db ??= new Promise<IDBDatabase>((resolve, reject) => {
      if (typeof indexedDB === 'undefined') return reject(new Error('IndexedDB is not available in this browser'));
      const req = indexedDB.open(name, version);
      req.onupgradeneeded = () => {
        const d = req.result;
        for (const [store, opts] of Object.entries(layout))
          if (!d.objectStoreNames.contains(store)) d.createObjectStore(store, opts ?? undefined);
      };
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error ?? new Error('IndexedDB could not be opened'));
      req.onblocked = () => reject(new Error('IndexedDB is blocked by another tab'));
    }).catch((err: unknown) => {
      db = null;
      throw err;
    });
    return db;
  };
}
