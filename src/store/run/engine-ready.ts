/** Waiting for the engine: the explore actions queue behind a starting (or restarting) worker. */
import { engineApi } from './controller';
import { getState, useStore } from '../store';

export type EngineApi = NonNullable<ReturnType<typeof engineApi>>;

/** Resolves with the worker's API once the engine is ready. */
export function engineReady(): Promise<EngineApi> {
  return new Promise((resolve) => {
    const check = () => {
      const api = engineApi();
      if (getState().engine.status === 'ready' && api) {
        unsub();
        resolve(api);
        return true;
      }
      return false;
    };
    const unsub = useStore.subscribe(() => void check());
    check();
  });
}
