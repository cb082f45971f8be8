import { useEffect } from 'react';
import { setState, useStore } from '../../store/store';

/** Id of the header's "What am I looking at?" button, where the focus returns when the glossary closes. */
export const GLOSSARY_BUTTON_ID = 'glossary-button';

function close(): void {
  setState({ glossaryOpen: false });
  document.getElementById(GLOSSARY_BUTTON_ID)?.focus();
}

/** "What am I looking at": the two indicators and the method, in a few sentences each. Escape closes it. */
export function Glossary() {
  const open = useStore((s) => s.glossaryOpen);
  useEffect(() => {
    if (!open) return;
    const down = (e: KeyboardEvent) => {
      if (e.key !== 'Escape' || e.defaultPrevented) return;
      e.preventDefault();
      close();
    };
    window.addEventListener('keydown', down);
    return () => window.removeEventListener('keydown', down);
  }, [open]);
  if (!open) return null;
  return (
    <section className="glossary" id="glossary" data-testid="glossary" aria-label="What am I looking at">
      <button type="button" className="link close" onClick={close} aria-label="Close (Escape)" data-testid="glossary-close">
        ×
      </button>
      <h2>What am I looking at?</h2>
      <dl>
        <dt>NTK (neural tangent kernel)</dt>
        <dd>
          The Gram matrix J Jᵀ of the network's output gradients with respect to its weights, over a batch of images, at initialisation. It
          governs how gradient descent changes the outputs in the first steps of training.
        </dd>
        <dt>κ_N (trainability)</dt>
        <dd>
          The condition number λ_max / λ_min of the NTK. A lower κ_N means gradient descent makes even progress in every direction, so the
          network is easier to train.
        </dd>
        <dt>Linear regions</dt>
        <dd>
          A ReLU network cuts its input space into pieces on which it is linear; each piece has its own on/off pattern of the ReLUs. More
          pieces mean the network can draw more complex functions.
        </dd>
        <dt>R_N (expressivity)</dt>
        <dd>
          The number of distinct ReLU activation patterns over a few thousand 3 × 3 image crops, on a thin version of the network. A higher
          R_N means a more expressive network.
        </dd>
        <dt>The search</dt>
        <dd>
          Start from a supernet with every op on every edge. Each round, try removing each remaining op (a candidate) and measure the change
          Δκ_N and ΔR_N; rank the candidates by both, and on every edge prune the op with the best rank sum — the one the network misses
          least. Repeat until one op per edge is left. No training is involved.
        </dd>
      </dl>
      <p className="reference">
        W. Chen, X. Gong, Z. Wang, “Neural Architecture Search on ImageNet in Four GPU Hours: A Theoretically Inspired Perspective”, ICLR
        2021. Accuracies: NAS-Bench-201 (Dong &amp; Yang, ICLR 2020).
      </p>
    </section>
  );
}
