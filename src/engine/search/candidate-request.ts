/**
 * A candidate measured on a helper thread (./candidate-pool): the request of
 * either space, made with the caller's kernel choice, and the helper's answer.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { CifarData } from '../data/cifar';
import { kernelChoice, selectKernels } from '../kernels/own-kernels';
import type { CandidateMeasures } from './candidate-measures';
import { answerDartsCandidate, type DartsCandidateRequest } from './darts-candidate';
import { answerNb201Candidate, type Nb201CandidateRequest } from './nb201-candidate';

export type CandidateRequest = DartsCandidateRequest | Nb201CandidateRequest;

type WithoutKernels<R> = R extends CandidateRequest ? Omit<R, 'kernels'> : never;

/** A request with this thread's wasm kernels (the helper uses the same). */
export function candidateRequest(fields: WithoutKernels<CandidateRequest>): CandidateRequest {
  return { ...fields, kernels: kernelChoice() } as CandidateRequest;
}

/** The helper's side: one candidate of a request, on this thread's backend and data. */
export function answerCandidate(data: CifarData, req: CandidateRequest): Promise<CandidateMeasures> {
  if (tf.getBackend() === 'wasm') selectKernels(req.kernels);
  return req.space === 'darts' ? answerDartsCandidate(data, req) : answerNb201Candidate(data, req);
}
