/** Thrown by a search (either space) cancelled through its AbortSignal; checked between candidates. */
export class SearchCancelled extends Error {
  constructor() {
    super('search cancelled');
    this.name = 'SearchCancelled';
  }
}
