import { useEffect } from 'react';
import { setState, useStore } from '../../store/store';

/** Id of the header's "What am I looking at?" button, where the focus returns when the glossary closes. */
export const GLOSSARY_BUTTON_ID = 'glossary-button';

function close(): void {
  setState({ glossaryOpen: false });
  document.getElementById(GLOSSARY_BUTTON_ID)?.focus();
}

/** Closes the glossary and scrolls to the pictures of κ_N and R_N. */
function showPictures(): void {
  setState({ glossaryOpen: false });
  document.querySelector('[data-testid="pictures-panel"]')?.scrollIntoView({ behavior: 'smooth', block: 'start' });
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
          network is easier to train. <em>See it</em> in the pictures: the NTK's eigenvalues on a log axis, κ_N the bracket from λ_min to
          λ_max (shorter is better), and the NTK itself as a heatmap.
        </dd>
        <dt>Linear regions</dt>
        <dd>
          A ReLU network cuts its input space into pieces on which it is linear; each piece has its own on/off pattern of the ReLUs. More
          pieces mean the network can draw more complex functions.
        </dd>
        <dt>R_N (expressivity)</dt>
        <dd>
          The number of distinct ReLU activation patterns over a few thousand 3 × 3 image crops, on a thin version of the network. A higher
          R_N means a more expressive network. <em>See it</em> in the pictures: the thin network's linear regions on a plane through three
          real crops, one colour per activation pattern.
        </dd>
        <dt>The pictures</dt>
        <dd data-testid="glossary-pictures">
          “What κ_N and R_N see” draws both measures for the supernet and for a candidate (the supernet without one op), side by side, so
          that removing an op is seen, not read. Click an op in the cell, a point of the trade-off chart or a row of the rank table to
          explain that decision: one sentence from its numbers and both pictures before and after.{' '}
          <button type="button" className="link" onClick={showPictures} data-testid="glossary-show-pictures">
            Show the pictures
          </button>
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
