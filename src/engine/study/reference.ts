/**
 * Published Kendall τ values the study's table is compared with. Plain data: no
 * tfjs, nothing that imports it (the page's Study tab reads this file).
 */
import type { Nb201Dataset } from '../data/nb201';

/**
 * Kendall τ with NAS-Bench-201 test accuracy reported by the TE-NAS paper
 * (Chen, Gong & Wang, "Neural Architecture Search on ImageNet in Four GPU Hours:
 * A Theoretically Inspired Perspective", ICLR 2021), on NAS-Bench-201 CIFAR-100.
 * Signs as in the paper: κ_N lower-is-better (negative τ), R_N higher-is-better,
 * rank sum smaller-is-better (negative τ; see stats.rankSum).
 */
export const PAPER_TAU = {
  kappa: -0.42,
  regions: 0.5,
  rankSum: -0.64,
  dataset: 'cifar100' as Nb201Dataset,
  source: 'TE-NAS paper (Chen, Gong & Wang, ICLR 2021): Kendall τ with NAS-Bench-201 CIFAR-100 test accuracy',
} as const;

/**
 * Kendall τ on NAS-Bench-201 CIFAR-10 from AZ-NAS's re-run of training-free
 * proxies (Lee & Ham, "AZ-NAS: Assembling Zero-Cost Proxies for Network
 * Architecture Search", CVPR 2024). AZ-NAS orients every score higher-is-better,
 * so its TE-NAS entry compares with −τ(rank sum) here.
 */
export const PEER_TAU_AZNAS = {
  dataset: 'cifar10' as Nb201Dataset,
  values: { 'TE-NAS': 0.536, NASWOT: 0.557, ZiCo: 0.589, 'AZ-NAS': 0.741 },
  source: 'AZ-NAS (Lee & Ham, CVPR 2024), re-run on NAS-Bench-201 CIFAR-10; scores oriented higher-is-better',
} as const;
