/**
 * The app's own versioned JSON files (a run, a study): `{ format, version, … }`,
 * read back with one parser that says what is wrong, in this order:
 *
 * 1. size: a file over `maxBytes` is refused before it is read (checkSize) or
 *    parsed (parse; a text's length never exceeds its UTF-8 byte count);
 * 2. JSON: "not a JSON file", or "the file is truncated" when it is an object
 *    or array whose end is missing;
 * 3. shape: an object, whose `format` names this kind of file;
 * 4. version: the one this app writes, or one `migrate` turns into it;
 * 5. zod: the schema, first issue with its path ("invalid run file at events.1.kappa: …");
 * 6. `check`: what the schema cannot say (event order, arch strings matching codes).
 *
 * Every refusal throws the spec's error class (a VersionedFileError).
 */
import type { z } from 'zod';
import { firstIssue } from './zod-message';

export class VersionedFileError extends Error {}

export interface VersionedFileSpec<T> {
  /** What the file holds, as messages name it ("run", "study"). */
  kind: string;
  format: string;
  version: number;
  schema: z.ZodType<T>;
  /** Files larger than this are refused unread. */
  maxBytes?: number;
  /** Added to the size refusal, e.g. "a full run is well under 1 MB". */
  sizeNote?: string;
  /** The object of an older version as the current version's, or undefined for a version it cannot read. */
  migrate?: (json: Record<string, unknown>, version: unknown) => unknown;
  /** Checks what the schema cannot, throwing with its own message. */
  check?: (data: T) => void;
  /** The class thrown, so that callers can tell this file's errors from others (default VersionedFileError). */
  error?: new (
    message: string,
  ) => VersionedFileError;
}

export interface VersionedFile<T> {
  /** Parses a file's text, or throws a message that says what is wrong. */
  parse(text: string): T;
  /** Throws for a file of this many bytes that is too large to read. */
  checkSize(bytes: number): void;
}

const MB = 2 ** 20;

function holds(json: unknown): string {
  if (Array.isArray(json)) return 'a JSON array';
  if (json === null) return 'null';
  return `a ${typeof json}`;
}

export function versionedFile<T>(spec: VersionedFileSpec<T>): VersionedFile<T> {
  const Err = spec.error ?? VersionedFileError;
  const { kind, format, version } = spec;

  const checkSize = (bytes: number): void => {
    if (spec.maxBytes !== undefined && bytes > spec.maxBytes) {
      const note = spec.sizeNote ? ` (${spec.sizeNote})` : '';
      throw new Err(`the file is ${(bytes / MB).toFixed(1)} MB; ${kind} files over ${spec.maxBytes / MB} MB are refused${note}`);
    }
  };

  const parse = (text: string): T => {
    checkSize(text.length);
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (e) {
      const trimmed = text.trimEnd();
      const truncated = trimmed.length > 0 && (trimmed.startsWith('{') || trimmed.startsWith('[')) && !/[}\]]$/.test(trimmed);
      throw new Err(`${truncated ? 'the file is truncated (its JSON ends early)' : 'not a JSON file'} (${(e as Error).message})`);
    }
    if (typeof json !== 'object' || json === null || Array.isArray(json))
      throw new Err(`not a TE-NAS Explorer ${kind} (the file holds ${holds(json)}, expected an object)`);
    const o = json as Record<string, unknown>;
    if (o.format !== format) throw new Err(`not a TE-NAS Explorer ${kind} (format is ${JSON.stringify(o.format)}, expected "${format}")`);
    if (o.version !== version) {
      const migrated = spec.migrate?.(o, o.version);
      if (migrated === undefined)
        throw new Err(`${kind} format version ${JSON.stringify(o.version)} is not supported (this app reads version ${version})`);
      json = migrated;
    }
    const r = spec.schema.safeParse(json);
    if (!r.success) throw new Err(firstIssue(r.error, `invalid ${kind} file`));
    spec.check?.(r.data);
    return r.data;
  };

  return { parse, checkSize };
}
