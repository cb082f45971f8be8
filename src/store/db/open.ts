/**
 * Opens the app's database once per page (through idb), upgrading it to the
 * current layout, then moves a correlation study saved by an earlier version
 * over (./migrate). Fails soft: without IndexedDB (private mode, blocked
 * storage) every caller gets a rejected promise, says that nothing is kept,
 * and the app works on; a failed open is retried on the next call.
 */
import { openDB } from 'idb';
import { DB_NAME, DB_VERSION, type ExplorerDb, type ExplorerSchema, upgrade } from './schema';
import { migrateStudies } from './migrate';

let db: Promise<ExplorerDb> | null = null;

/** The open database, once the one-time moves are done (a failed move is reported, not thrown). */
export function database(): Promise<ExplorerDb> {
  db ??= connect()
    .then(async (d) => {
      await migrateStudies(d);
      return d;
    })
    .catch((err: unknown) => {
      db = null;
      throw err;
    });
  return db;
}

function connect(): Promise<ExplorerDb> {
  return new Promise<ExplorerDb>((resolve, reject) => {
    if (typeof indexedDB === 'undefined') return reject(new Error('IndexedDB is not available in this browser'));
    let blocked = false;
    openDB<ExplorerSchema>(DB_NAME, DB_VERSION, {
      upgrade: (d, oldVersion) => upgrade(d, oldVersion),
      // A tab of an earlier version holds the database open: this call fails, a later one opens it once that tab is gone.
      blocked: () => {
        blocked = true;
        reject(new Error('IndexedDB is blocked by another tab'));
      },
      // A newer version in another tab wants to upgrade: let it, and reopen on the next call.
      blocking: () => forget(),
      terminated: () => forget(),
    }).then((d) => {
      if (blocked) d.close();
      else resolve(d);
    }, reject);
  });
}

function forget(): void {
  const open = db;
  db = null;
  void open?.then((d) => d.close()).catch(() => undefined);
}
