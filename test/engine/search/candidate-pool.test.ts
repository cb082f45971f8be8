/**
 * The candidate pool's scheduling (no tfjs): jobs run once each, by this
 * thread and the helpers together, come back in order, start nothing while
 * the consumer holds a result, and a helper's failure fails the run.
 */
import { describe, expect, it } from 'vitest';
import { type CandidateHelper, inOrder } from '../../../src/engine/search/candidate-pool';

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
const helper = (name: string): CandidateHelper & { name: string } => ({ name, candidate: () => Promise.reject(new Error('unused')) });

function jobs(delay: (job: number) => number) {
  const ran: string[] = [];
  let active = 0;
  let maxActive = 0;
  const run = async (who: string, job: number) => {
    ran.push(`${who}:${job}`);
    active++;
    maxActive = Math.max(maxActive, active);
    await sleep(delay(job));
    active--;
    return job * 10;
  };
  return { ran, run, maxActive: () => maxActive };
}

describe('candidate pool', () => {
  it('runs every job once, here and on the helpers, and yields the results in order', async () => {
    const j = jobs((job) => (job % 3 === 0 ? 30 : 5));
    const order = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
    const got: [number, number][] = [];
    const helpers = [helper('a'), helper('b')];
    for await (const r of inOrder(
      order,
      (job) => j.run('local', job),
      (h, job) => j.run((h as ReturnType<typeof helper>).name, job),
      helpers,
    ))
      got.push(r);
    expect(got).toEqual(order.map((job) => [job, job * 10]));
    expect(j.ran.map((r) => Number(r.split(':')[1])).sort((x, y) => x - y)).toEqual(order);
    const who = new Set(j.ran.map((r) => r.split(':')[0]));
    expect(who).toEqual(new Set(['local', 'a', 'b']));
    expect(j.maxActive()).toBeLessThanOrEqual(3);
  });

  it('runs everything here without helpers, one job at a time', async () => {
    const j = jobs(() => 1);
    const got: number[] = [];
    for await (const [job] of inOrder(
      [4, 5, 6],
      (job) => j.run('local', job),
      () => Promise.reject(new Error('no')),
      [],
    ))
      got.push(job);
    expect(got).toEqual([4, 5, 6]);
    expect(j.ran).toEqual(['local:4', 'local:5', 'local:6']);
    expect(j.maxActive()).toBe(1);
  });

  it('starts nothing new while the consumer holds a result (a paused search)', async () => {
    const j = jobs(() => 2);
    const gen = inOrder(
      [0, 1, 2, 3, 4, 5],
      (job) => j.run('local', job),
      (_h, job) => j.run('helper', job),
      [helper('h')],
    );
    const first = await gen.next();
    expect(first.value).toEqual([0, 0]);
    const started = j.ran.length;
    await sleep(40); // held at the yield: running jobs finish, none starts
    expect(j.ran.length).toBe(started);
    const rest: number[] = [];
    for await (const [job] of gen) rest.push(job);
    expect(rest).toEqual([1, 2, 3, 4, 5]);
  });

  it("fails with a helper's error, in order", async () => {
    const got: number[] = [];
    const run = async () => {
      for await (const [job] of inOrder(
        [0, 1, 2, 3],
        async (job) => job,
        async (_h, job) => {
          await sleep(1);
          if (job >= 1) throw new Error(`helper thread 1: job ${job} failed`);
          return job;
        },
        [helper('h')],
      ))
        got.push(job);
    };
    await expect(run()).rejects.toThrow(/helper thread 1: job \d failed/);
    expect(got[0]).toBe(0);
  });
});

describe('candidate pool, between steps', () => {
  it("yields only when this thread's job has ended, and still keeps this thread busy", async () => {
    let localRunning = 0;
    const ran: string[] = [];
    const gen = inOrder(
      [0, 1, 2, 3, 4, 5],
      async (job) => {
        ran.push(`local:${job}`);
        localRunning++;
        await sleep(job === 0 ? 1 : 20);
        localRunning--;
        return job;
      },
      async (_h, job) => {
        ran.push(`helper:${job}`);
        await sleep(5);
        return job;
      },
      [helper('h')],
    );
    const got: number[] = [];
    for await (const [job] of gen) {
      expect(localRunning).toBe(0);
      got.push(job);
    }
    expect(got).toEqual([0, 1, 2, 3, 4, 5]);
    // While it waited for the helper's job 1, this thread took job 2.
    expect(ran.slice(0, 3)).toEqual(['local:0', 'helper:1', 'local:2']);
  });
});
